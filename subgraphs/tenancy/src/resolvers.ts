import { mergeTypeMaps } from '../../runtime/merge.ts';
import { scalarResolvers } from '../../runtime/scalars.ts';
import type { Resolvers } from './generated/resolvers.ts';
import type { TenancyOptions } from './options.ts';
import { createOrganizationResolvers } from './organization/organization.resolvers.ts';
import { projectResolvers } from './project/project.resolvers.ts';
import { membershipResolvers } from './membership/membership.resolvers.ts';
import { createInvitationResolvers } from './invitation/invitation.resolvers.ts';
import { organizationIdsResolvers } from './operator/organization-ids.resolvers.ts';

/** Each domain folder owns its resolvers; this only puts them together. */
export function createTenancyResolvers(options: TenancyOptions): Resolvers {
  return mergeTypeMaps<Resolvers>(
    { DateTime: scalarResolvers.DateTime },
    createOrganizationResolvers(options),
    projectResolvers,
    membershipResolvers,
    createInvitationResolvers(options),
    organizationIdsResolvers,
  );
}
