/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type OrganizationRole =
  | 'ADMIN'
  | 'MEMBER';

export type ProjectRole =
  | 'EDITOR'
  | 'PARTICIPANT';

export type MembersAmongQueryVariables = Exact<{
  organizationIds: Array<string | number> | string | number;
  userIds: Array<string | number> | string | number;
}>;


export type MembersAmongQuery = { membersAmong: Array<string> };

export type OrganizationAdminsQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type OrganizationAdminsQuery = { organizationAdmins: Array<string> };

export type OrganizationIdsQueryVariables = Exact<{
  among?: Array<string | number> | string | number | null | undefined;
}>;


export type OrganizationIdsQuery = { organizationIds: Array<string> };

export type OrganizationMembershipQueryVariables = Exact<{
  organizationId: string | number;
  userId: string | number;
}>;


export type OrganizationMembershipQuery = { organizationMembership: { role: OrganizationRole } | null };

export type PrincipalMembershipsQueryVariables = Exact<{
  userId: string | number;
}>;


export type PrincipalMembershipsQuery = { principalMemberships: Array<{ organizationId: string, role: OrganizationRole, projects: Array<{ projectId: string, role: ProjectRole }> }> };

export type PrincipalOrganizationsQueryVariables = Exact<{
  userId: string | number;
}>;


export type PrincipalOrganizationsQuery = { principalMemberships: Array<{ organizationId: string }> };

export type SoleAdminOrganizationsQueryVariables = Exact<{
  userId: string | number;
}>;


export type SoleAdminOrganizationsQuery = { soleAdminOrganizations: Array<string> };
