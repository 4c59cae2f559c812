import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { verificationRecordName, verificationRecordValue } from './domain-verification.ts';
import {
  addSsoDomain,
  domainsOf,
  removeOrganizationSso,
  removeSsoDomain,
  setOrganizationSso,
  ssoOf,
  verifySsoDomain,
} from './organization-sso.repository.ts';
import { completeSsoSignIn, startSsoSignIn } from './sso-sign-in.ts';

// Who may call these is in organization-sso.permissions.ts (the organization argument is checked there).
export function createOrganizationSsoResolvers(options: IdentityOptions): Resolvers {
  return {
    Query: {
      organizationSso: (_parent, { organizationId }, ctx) => ssoOf(ctx.em, organizationId),
    },
    Mutation: {
      setOrganizationSso: (_parent, args, ctx) => setOrganizationSso(ctx, options, args),
      removeOrganizationSso: (_parent, { organizationId }, ctx) => removeOrganizationSso(ctx, organizationId),
      addOrganizationSsoDomain: (_parent, { organizationId, domain }, ctx) =>
        addSsoDomain(ctx, options, organizationId, domain),
      verifyOrganizationSsoDomain: (_parent, { organizationId, domain }, ctx) =>
        verifySsoDomain(ctx, options, organizationId, domain),
      removeOrganizationSsoDomain: (_parent, { organizationId, domain }, ctx) =>
        removeSsoDomain(ctx, organizationId, domain),
      startSsoSignIn: (_parent, args, ctx) => startSsoSignIn(ctx, options, args),
      completeSsoSignIn: (_parent, args, ctx) => completeSsoSignIn(ctx, options, args),
    },
    OrganizationSso: {
      hasClientSecret: (sso) => sso.clientSecretSealed !== null,
      domains: (sso, _args, ctx) => domainsOf(ctx.em, sso.organizationId),
    },
    OrganizationSsoDomain: {
      verificationRecordName: (row) => verificationRecordName(row.domain),
      verificationRecordValue: (row) => verificationRecordValue(row.verificationToken),
    },
  };
}
