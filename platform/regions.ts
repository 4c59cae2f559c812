import { z } from 'zod';

/**
 * The regions a deployment serves when STEWARD_REGIONS is unset: the region organizations were
 * given by default before regions were declared, so that every existing organization is in one.
 */
export const DEFAULT_REGIONS: readonly string[] = ['eu'];

/** A region code: `eu`, `us-east`, `ca-central`. */
export const REGION_CODE = /^[a-z]{2}(-[a-z0-9]+){0,3}$/;

/**
 * STEWARD_REGIONS: the regions this deployment serves, comma-separated. The first is its home
 * region: where an organization is created when its creator names none, and where the data of
 * no organization (users' accounts, sessions) is held.
 */
export const StewardRegions = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const regions = (raw ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    if (!regions.length) return [...DEFAULT_REGIONS];
    const bad = regions.find((region) => !REGION_CODE.test(region));
    if (bad) {
      ctx.addIssue({ code: 'custom', message: `not a region code such as "eu" or "ca-central": ${bad}` });
      return z.NEVER;
    }
    return [...new Set(regions)];
  });
