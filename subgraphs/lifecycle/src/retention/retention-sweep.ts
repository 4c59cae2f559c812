import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import type { InternalClient } from '../../../../platform/internal-client.ts';
import { runInScope, type TenantScope } from '../../../runtime/orm.ts';
import type { RequestOrigin } from '../../../../platform/principal.ts';
import type { BlobStore } from '../export/blob-store.ts';
import { archiveKeyOf } from '../export/export-job.ts';
import {
  memberPages,
  organizationPages,
  purgeIdentity,
  purgeUnattributed,
  setAuditRetention,
} from './retention-calls.ts';
import { CATEGORY_POLICIES, auditMonthsOf, effectivePolicy, keepForOf } from './retention-policy.ts';
import { storedRulesOf } from './retention-rule.repository.ts';

/** Exports deleted per transaction (their archives first). */
const EXPORT_BATCH = 100;

export interface RetentionSweepDeps {
  orm: MikroORM;
  internal: InternalClient;
  blobStore: BlobStore;
  logger: Logger;
}

export interface RetentionSweepOptions {
  /** Sweep only these organizations; every organization tenancy knows otherwise. */
  organizationIds?: readonly string[];
  /** Sweep the sign-in attempts of no user too; by default only when sweeping every organization. */
  unattributed?: boolean;
}

/** What one organization's sweep deleted (or set). */
export interface OrganizationSweep {
  organizationId: string;
  signInAttempts: number;
  sessions: number;
  exports: number;
  auditKeepMonths: number;
}

export interface RetentionSweepResult {
  organizations: OrganizationSweep[];
  /** Organizations whose sweep failed (logged); the next sweep tries them again. */
  failed: string[];
  /**
   * Sign-in attempts of no user deleted under the default period; null when the sweep left them
   * alone (limited to some organizations) or this step failed.
   */
  unattributedSignInAttempts: number | null;
}

const scopeOf = (organizationId: string): TenantScope => ({ tenantIds: [organizationId], userId: null });

/**
 * Applies every organization's retention policy (its rules, defaults elsewhere): identity deletes
 * its members' sign-in attempts and ended sessions older than the policy, audit is told how many
 * months to keep (its own sweep purges), and lifecycle deletes the organization's old exports with
 * their archives. One organization at a time; one failing does not stop the others. Idempotent
 * and stateless: what is left to delete is in the tables, so a sweep cut short is finished by the
 * next. A member of several organizations ends up with the shortest period among them, since each
 * organization's sweep deletes what its own period no longer keeps.
 */
export async function sweepRetention(
  deps: RetentionSweepDeps,
  options: RetentionSweepOptions = {},
): Promise<RetentionSweepResult> {
  const origin: RequestOrigin = { requestId: `retention-${randomUUID()}`, ip: null, userAgent: null };
  const result: RetentionSweepResult = { organizations: [], failed: [], unattributedSignInAttempts: null };
  const pages = options.organizationIds
    ? [options.organizationIds.map((id) => id.toLowerCase())]
    : organizationPages(deps.internal, origin);
  for await (const page of pages) {
    for (const organizationId of page) {
      try {
        result.organizations.push(await sweepOrganization(deps, organizationId, origin));
      } catch (error) {
        result.failed.push(organizationId);
        deps.logger.error({ err: error, organizationId }, 'retention sweep of an organization failed');
      }
    }
  }
  if (options.unattributed ?? !options.organizationIds) {
    try {
      result.unattributedSignInAttempts = await sweepUnattributed(deps, origin);
    } catch (error) {
      deps.logger.error({ err: error }, 'retention sweep of unattributed sign-in attempts failed');
    }
  }
  return result;
}

/**
 * Sign-in attempts attributed to no user (an unknown email, or a deleted user's kept
 * pseudonymized) belong to no organization, so no policy governs them: they go after the
 * default period.
 */
async function sweepUnattributed(deps: RetentionSweepDeps, origin: RequestOrigin): Promise<number> {
  const [cutoff] = await runInScope(deps.orm, { tenantIds: [], userId: null }, ({ em }) =>
    em.execute<{ before: number }[]>(
      `select extract(epoch from now() - ?::interval)::float8 * 1000 as before`,
      [CATEGORY_POLICIES.SIGN_IN_ATTEMPTS.defaultKeepFor],
    ),
  );
  const signInAttemptsBefore = new Date(Number(cutoff!.before)).toISOString();
  return (await purgeUnattributed(deps.internal, { signInAttemptsBefore }, origin)).signInAttempts;
}

/** One organization's sweep; records `lifecycle.retention.swept` when it deleted or changed anything. */
export async function sweepOrganization(
  deps: RetentionSweepDeps,
  organizationId: string,
  origin: RequestOrigin,
): Promise<OrganizationSweep> {
  const { orm, internal } = deps;
  const policy = effectivePolicy(
    organizationId,
    await runInScope(orm, scopeOf(organizationId), ({ em }) => storedRulesOf(em, organizationId)),
  );
  // The database's clock and calendar arithmetic (P1M back from March 31st…), for all three cutoffs.
  const [cutoffs] = await runInScope(orm, scopeOf(organizationId), ({ em }) =>
    em.execute<{ attempts: number; sessions: number; exports: number }[]>(
      `select extract(epoch from now() - ?::interval)::float8 * 1000 as attempts,
              extract(epoch from now() - ?::interval)::float8 * 1000 as sessions,
              extract(epoch from now() - ?::interval)::float8 * 1000 as exports`,
      [keepForOf(policy, 'SIGN_IN_ATTEMPTS'), keepForOf(policy, 'SESSIONS'), keepForOf(policy, 'EXPORTS')],
    ),
  );
  if (!cutoffs) throw new Error('No cutoffs computed');
  const swept: OrganizationSweep = {
    organizationId,
    signInAttempts: 0,
    sessions: 0,
    exports: 0,
    auditKeepMonths: auditMonthsOf(keepForOf(policy, 'AUDIT_EVENTS')),
  };

  const signInAttemptsBefore = new Date(Number(cutoffs.attempts)).toISOString();
  const sessionsEndedBefore = new Date(Number(cutoffs.sessions)).toISOString();
  for await (const userIds of memberPages(internal, organizationId, origin)) {
    const deleted = await purgeIdentity(
      internal,
      { userIds, signInAttemptsBefore, sessionsEndedBefore },
      origin,
    );
    swept.signInAttempts += deleted.signInAttempts;
    swept.sessions += deleted.sessions;
  }

  const audit = await setAuditRetention(
    internal,
    { organizationId, keepMonths: swept.auditKeepMonths },
    origin,
  );
  swept.exports = await deleteExpiredExports(deps, organizationId, new Date(Number(cutoffs.exports)));

  if (swept.signInAttempts || swept.sessions || swept.exports || audit.changed) {
    await runInScope(orm, scopeOf(organizationId), ({ em }) =>
      recordAuditEvent(em, 'lifecycle', {
        action: 'lifecycle.retention.swept',
        outcome: 'SUCCESS',
        organizationId,
        actor: { type: 'SYSTEM', id: 'lifecycle', ip: null, userAgent: null, deviceType: null },
        target: { type: 'Organization', id: organizationId },
        metadata: {
          signInAttempts: swept.signInAttempts,
          sessions: swept.sessions,
          exports: swept.exports,
          auditKeepMonths: swept.auditKeepMonths,
        },
      }),
    );
  }
  return swept;
}

/**
 * Deletes the organization's finished exports older than the cutoff, archive first then row, a
 * batch per transaction: a crash in between leaves a row whose archive is already gone, which the
 * next sweep deletes (deleting a missing archive is a no-op). Pending and running exports stay.
 */
async function deleteExpiredExports(
  deps: RetentionSweepDeps,
  organizationId: string,
  cutoff: Date,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const count = await runInScope(deps.orm, scopeOf(organizationId), async ({ em }) => {
      const rows = await em.execute<{ id: string; blobKey: string | null }[]>(
        `select id, blob_key as "blobKey" from lifecycle.data_exports
          where organization_id = ? and status in ('COMPLETED', 'FAILED')
            and coalesce(completed_at, requested_at) < ?::timestamptz
          order by id limit ? for update skip locked`,
        [organizationId, cutoff.toISOString(), EXPORT_BATCH],
      );
      for (const row of rows) await deps.blobStore.delete(row.blobKey ?? archiveKeyOf(row.id));
      if (rows.length) {
        await em.execute(`delete from lifecycle.data_exports where id = any(?::uuid[])`, [
          `{${rows.map((row) => row.id).join(',')}}`,
        ]);
      }
      return rows.length;
    });
    deleted += count;
    if (count < EXPORT_BATCH) return deleted;
  }
}

/**
 * The sweep as a scheduled task of the lifecycle job queue: it runs once per schedule across
 * replicas. It keeps no state, so a missed or failed run is caught up by the next one.
 */
export function retentionSweepTask(deps: RetentionSweepDeps): () => Promise<void> {
  return async () => {
    const { organizations, failed, unattributedSignInAttempts } = await sweepRetention(deps);
    const total = (key: 'signInAttempts' | 'sessions' | 'exports') =>
      organizations.reduce((sum, o) => sum + o[key], 0);
    deps.logger.info(
      {
        organizations: organizations.length,
        failed: failed.length,
        signInAttempts: total('signInAttempts'),
        sessions: total('sessions'),
        exports: total('exports'),
        unattributedSignInAttempts,
      },
      'retention sweep done',
    );
  };
}
