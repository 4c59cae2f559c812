import { z } from 'zod';
import { Id } from '../../../../platform/ids.ts';
import { ErrorCode } from '../../../../platform/errors.ts';
import { HttpError } from '../../../../platform/http.ts';
import {
  REGIONS_PATH,
  REGION_QUERY_LIMIT,
  type RegionsOfOrganizations,
} from '../../../../contracts/regions.ts';
import { requireLifecycle, sendJson } from '../../../runtime/internal-json.ts';
import { runInScope } from '../../../runtime/orm.ts';
import type { InternalRoute } from '../../../runtime/context.ts';

const OrganizationIds = z.array(Id()).min(1).max(REGION_QUERY_LIMIT);

/** REGIONS_PATH: the regions of the organizations lifecycle names (contracts/regions.ts). */
const regionsRoute: InternalRoute = async (req, res, { principal, orm }) => {
  requireLifecycle(req, principal, 'GET');
  const params = new URL(req.url ?? '/', 'http://internal').searchParams;
  const parsed = OrganizationIds.safeParse(params.getAll('organizationId').map((id) => id.toLowerCase()));
  if (!parsed.success) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'organizationId: uuids, 1 to 1000');
  const rows = await runInScope(orm, { tenantIds: parsed.data, userId: null }, ({ em }) =>
    em.execute<{ id: string; region: string }[]>(
      'select id, region from tenancy.organizations where id = any(?::uuid[])',
      [`{${parsed.data.join(',')}}`],
    ),
  );
  sendJson(res, {
    regions: Object.fromEntries(rows.map((row) => [row.id, row.region])),
  } satisfies RegionsOfOrganizations);
};

export const tenancyRegionRoutes: Record<string, InternalRoute> = { [REGIONS_PATH]: regionsRoute };
