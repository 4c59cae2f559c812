import type { RouteContract } from './contract.ts';
import type { InternalClient } from '../platform/internal-client.ts';
import type { RequestOrigin } from '../platform/principal.ts';

/**
 * tenancy, GET `?organizationId=…` (repeated, at most REGION_QUERY_LIMIT): each organization's
 * region → RegionsOfOrganizations; an organization that no longer exists is left out. Lifecycle
 * asks it to state in exports and certificates where the data was held. Lifecycle's token only.
 */
export const regionsRoute = {
  path: '/internal/tenancy/regions',
  method: 'GET',
  owner: 'tenancy',
  callers: ['lifecycle'],
} as const satisfies RouteContract;

export const REGIONS_PATH = regionsRoute.path;
export const REGION_QUERY_LIMIT = 1000;

export interface RegionsOfOrganizations {
  /** Organization id → its region. */
  regions: Record<string, string>;
}

/** The regions of these organizations, asked of tenancy, which owns them. */
export async function regionsOfOrganizations(
  internal: InternalClient,
  organizationIds: readonly string[],
  origin: RequestOrigin,
): Promise<Record<string, string>> {
  const regions: Record<string, string> = {};
  for (let at = 0; at < organizationIds.length; at += REGION_QUERY_LIMIT) {
    const query = new URLSearchParams(
      organizationIds
        .slice(at, at + REGION_QUERY_LIMIT)
        .map((id): [string, string] => ['organizationId', id]),
    );
    const page = await internal.route<RegionsOfOrganizations>('tenancy', `${REGIONS_PATH}?${query}`, origin);
    Object.assign(regions, page.regions);
  }
  return regions;
}

/**
 * The regions where a subject's data was held, as exports and certificates state them: an
 * organization's own region; for a user, the deployment's home region (their account, sessions)
 * and the regions of the organizations they belong to.
 */
export function regionsOfSubject(
  subject: { organizationId?: string; userId?: string },
  organizationRegions: Record<string, string>,
  homeRegion: string,
): string[] {
  const regions = new Set(Object.values(organizationRegions));
  if (subject.organizationId === undefined) regions.add(homeRegion);
  return [...regions].sort();
}
