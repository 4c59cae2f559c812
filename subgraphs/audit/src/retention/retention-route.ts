import { AuditRetentionBody, type AuditRetentionResult } from '../../../../contracts/retention.ts';
import { readJsonBody, requireLifecycle, sendJson } from '../../../runtime/internal-json.ts';
import { runInScope } from '../../../runtime/orm.ts';
import type { InternalRoute } from '../../../runtime/context.ts';

/**
 * RETENTION_ROUTES.audit: sets how many months the organization keeps its audit events, from its
 * lifecycle retention policy. Purging stays the audit sweep's (signed checkpoints), and
 * `audit.purge_events` refuses anything under 12 months whatever this table says.
 */
export const auditRetentionRoute: InternalRoute = async (req, res, { principal, orm }) => {
  requireLifecycle(req, principal, 'POST');
  const { organizationId, keepMonths } = await readJsonBody(req, AuditRetentionBody);
  const id = organizationId.toLowerCase();
  const rows = await runInScope(orm, { tenantIds: [id], userId: null }, ({ em }) =>
    em.execute<{ keep_months: number }[]>(
      `insert into audit.retention (organization_id, keep_months) values (?, ?)
       on conflict (organization_id) do update set keep_months = excluded.keep_months, updated_at = now()
         where audit.retention.keep_months <> excluded.keep_months
       returning keep_months`,
      [id, keepMonths],
    ),
  );
  sendJson(res, { keepMonths, changed: rows.length > 0 } satisfies AuditRetentionResult);
};
