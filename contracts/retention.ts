import { z } from 'zod';
import { Id } from '../platform/ids.ts';
import type { RouteContract } from './contract.ts';

/**
 * The internal routes through which lifecycle's retention sweep has each subgraph apply an
 * organization's retention policy to what it owns. Reachable only with the lifecycle service's
 * internal token. The POSTs are idempotent: asking again deletes nothing more.
 */
export const retentionRoutes = {
  /** POST IdentityRetentionBody: deletes old sign-in attempts and ended sessions → IdentityRetentionResult. */
  identity: {
    path: '/internal/identity/retention',
    method: 'POST',
    owner: 'identity',
    callers: ['lifecycle'],
  },
  /**
   * POST UnattributedRetentionBody: deletes old sign-in attempts attributed to no user (an
   * unknown email, or a deleted user's kept pseudonymized), which no organization's policy governs
   * → UnattributedRetentionResult.
   */
  unattributed: {
    path: '/internal/identity/retention/unattributed',
    method: 'POST',
    owner: 'identity',
    callers: ['lifecycle'],
  },
  /** POST AuditRetentionBody: sets how long the organization keeps its events → AuditRetentionResult. */
  audit: { path: '/internal/audit/retention', method: 'POST', owner: 'audit', callers: ['lifecycle'] },
  /** GET IdPageQuery `?after=<id>&limit=N`: every organization's id, in id order → IdPage. */
  organizations: {
    path: '/internal/tenancy/retention/organizations',
    method: 'GET',
    owner: 'tenancy',
    callers: ['lifecycle'],
  },
  /** GET IdPageQuery `?organizationId=…&after=<id>&limit=N`: the organization's member user ids → IdPage. */
  members: {
    path: '/internal/tenancy/retention/members',
    method: 'GET',
    owner: 'tenancy',
    callers: ['lifecycle'],
  },
} as const satisfies Record<string, RouteContract>;

/** Each retention route's path, by name. */
export const RETENTION_ROUTES = {
  identity: retentionRoutes.identity.path,
  unattributed: retentionRoutes.unattributed.path,
  audit: retentionRoutes.audit.path,
  organizations: retentionRoutes.organizations.path,
  members: retentionRoutes.members.path,
} as const;

/** At most this many ids per tenancy page, and user ids per identity call. */
export const RETENTION_PAGE_LIMIT = 1000;

/**
 * The floors the owning subgraphs enforce themselves too, whatever lifecycle asks: identity moves
 * a cutoff newer than `now - floor` back to it, audit refuses fewer months.
 */
export const RETENTION_FLOORS = {
  signInAttemptsDays: 30,
  sessionsDays: 1,
  auditMonths: 12,
} as const;

/** Cutoffs are instants; a category without one is left alone. */
export const IdentityRetentionBody = z.object({
  userIds: z.array(Id()).min(1).max(RETENTION_PAGE_LIMIT),
  signInAttemptsBefore: z.iso.datetime({ offset: true }).optional(),
  sessionsEndedBefore: z.iso.datetime({ offset: true }).optional(),
});
export type IdentityRetentionBody = z.infer<typeof IdentityRetentionBody>;

export interface IdentityRetentionResult {
  signInAttempts: number;
  sessions: number;
}

export const UnattributedRetentionBody = z.object({
  signInAttemptsBefore: z.iso.datetime({ offset: true }),
});
export type UnattributedRetentionBody = z.infer<typeof UnattributedRetentionBody>;

export interface UnattributedRetentionResult {
  signInAttempts: number;
}

/** Ten years at most, rounded up from days: the longest period a lifecycle policy gives. */
export const AuditRetentionBody = z.object({
  organizationId: Id(),
  keepMonths: z.number().int().min(RETENTION_FLOORS.auditMonths).max(122),
});
export type AuditRetentionBody = z.infer<typeof AuditRetentionBody>;

export interface AuditRetentionResult {
  keepMonths: number;
  /** False when the organization already kept its events exactly that long. */
  changed: boolean;
}

export interface IdPage {
  ids: string[];
}

export const IdPageQuery = z.object({
  organizationId: Id().optional(),
  after: Id().optional(),
  limit: z.coerce.number().int().min(1).max(RETENTION_PAGE_LIMIT).default(RETENTION_PAGE_LIMIT),
});
