import { ErrorCode } from '../../../../platform/errors.ts';
import { HttpError } from '../../../../platform/http.ts';
import { RETENTION_ROUTES, type IdPage } from '../../../../contracts/retention.ts';
import { idPageQuery, requireLifecycle, sendJson } from '../../../runtime/internal-json.ts';
import { runInScope } from '../../../runtime/orm.ts';
import type { InternalRoute } from '../../../runtime/context.ts';

/**
 * RETENTION_ROUTES.organizations: every organization's id, a page at a time in id order, so that
 * lifecycle's sweep applies the default policy to organizations that never set one. Ids only,
 * through `tenancy.organization_ids_after` (the runtime role sees no organization outside a scope).
 */
const organizationsRoute: InternalRoute = async (req, res, { principal, orm }) => {
  requireLifecycle(req, principal, 'GET');
  const { after, limit } = idPageQuery(req);
  const rows = await runInScope(orm, { tenantIds: [], userId: null }, ({ em }) =>
    em.execute<{ id: string }[]>('select id from tenancy.organization_ids_after(?::uuid, ?)', [
      after ?? null,
      limit,
    ]),
  );
  sendJson(res, { ids: rows.map((row) => row.id) } satisfies IdPage);
};

/** RETENTION_ROUTES.members: the organization's member user ids, a page at a time in id order. */
const membersRoute: InternalRoute = async (req, res, { principal, orm }) => {
  requireLifecycle(req, principal, 'GET');
  const { organizationId, after, limit } = idPageQuery(req);
  if (!organizationId) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'organizationId: required');
  const id = organizationId.toLowerCase();
  const rows = await runInScope(orm, { tenantIds: [id], userId: null }, ({ em }) =>
    em.execute<{ user_id: string }[]>(
      `select user_id from tenancy.memberships
        where organization_id = ? and (?::uuid is null or user_id > ?::uuid)
        order by user_id limit ?`,
      [id, after ?? null, after ?? null, limit],
    ),
  );
  sendJson(res, { ids: rows.map((row) => row.user_id) } satisfies IdPage);
};

/** Tenancy's part of retention: which organizations there are, and who their members are. */
export const tenancyRetentionRoutes: Record<string, InternalRoute> = {
  [RETENTION_ROUTES.organizations]: organizationsRoute,
  [RETENTION_ROUTES.members]: membersRoute,
};
