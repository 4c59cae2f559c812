import { z } from 'zod';

/**
 * Steward's ids are UUIDs in their 8-4-4-4-12 hex form, of any version (bench seeds derive theirs
 * from md5). The one test of "is this an id": anything else names no row, and must be refused
 * before it reaches a uuid column as a driver error.
 */
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);

/** The zod form of isId, lower-cased as PostgreSQL prints a uuid. */
export const Id = (message = 'Not an id') =>
  z
    .string()
    .refine(isId, message)
    .transform((id) => id.toLowerCase());
