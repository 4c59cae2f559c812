import type { InternalClient } from '../../../../platform/internal-client.ts';
import {
  RETENTION_PAGE_LIMIT,
  RETENTION_ROUTES,
  type AuditRetentionBody,
  type AuditRetentionResult,
  type IdPage,
  type IdentityRetentionBody,
  type IdentityRetentionResult,
  type UnattributedRetentionBody,
  type UnattributedRetentionResult,
} from '../../../../contracts/retention.ts';
import type { RequestOrigin } from '../../../../platform/principal.ts';

// Lifecycle's calls to the subgraphs that own what a retention policy governs.

/** Sets how many months audit keeps the organization's events. */
export const setAuditRetention = (
  internal: InternalClient,
  body: AuditRetentionBody,
  origin: RequestOrigin,
) => internal.route<AuditRetentionResult>('audit', RETENTION_ROUTES.audit, origin, body);

/** Deletes those users' sign-in attempts and ended sessions older than the cutoffs. */
export const purgeIdentity = (internal: InternalClient, body: IdentityRetentionBody, origin: RequestOrigin) =>
  internal.route<IdentityRetentionResult>('identity', RETENTION_ROUTES.identity, origin, body);

/** Deletes sign-in attempts of no user older than the cutoff. */
export const purgeUnattributed = (
  internal: InternalClient,
  body: UnattributedRetentionBody,
  origin: RequestOrigin,
) => internal.route<UnattributedRetentionResult>('identity', RETENTION_ROUTES.unattributed, origin, body);

/** Tenancy's ids, page after page (every organization, or one organization's members). */
async function* pagesOf(
  internal: InternalClient,
  path: string,
  params: Record<string, string>,
  origin: RequestOrigin,
): AsyncGenerator<string[]> {
  let after: string | null = null;
  for (;;) {
    const query = new URLSearchParams({
      ...params,
      limit: String(RETENTION_PAGE_LIMIT),
      ...(after ? { after } : {}),
    });
    const page: IdPage = await internal.route<IdPage>('tenancy', `${path}?${query.toString()}`, origin);
    if (page.ids.length) yield page.ids;
    if (page.ids.length < RETENTION_PAGE_LIMIT) return;
    after = page.ids.at(-1)!;
  }
}

export const organizationPages = (internal: InternalClient, origin: RequestOrigin) =>
  pagesOf(internal, RETENTION_ROUTES.organizations, {}, origin);

export const memberPages = (internal: InternalClient, organizationId: string, origin: RequestOrigin) =>
  pagesOf(internal, RETENTION_ROUTES.members, { organizationId }, origin);
