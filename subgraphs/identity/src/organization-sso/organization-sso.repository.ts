import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, stewardError, ErrorCode } from '../../../../platform/errors.ts';
import { actorOf, recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { domainProven, newVerificationToken } from './domain-verification.ts';
import { OrganizationSso, OrganizationSsoDomain } from './organization-sso.entity.ts';
import { assertPublicIssuer, parseIssuer } from './sso-issuer.ts';

/** At most this many email domains per organization. */
const MAX_DOMAINS = 20;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

export type SsoOptions = Pick<IdentityOptions, 'now' | 'production' | 'keyEncryptionKey' | 'txtLookup'>;

/** Where a client secret is bound: its organization's row, so a sealed secret moved elsewhere does not open. */
export const clientSecretContext = (organizationId: string) =>
  `identity.organization_sso/${organizationId}/client_secret`;

export function parseDomain(input: string): string {
  const domain = input.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(domain)) throw badInput('domain must be a DNS name such as example.com', 'domain');
  return domain;
}

export const ssoOf = (em: EntityManager, organizationId: string) =>
  em.findOne(OrganizationSso, { organizationId });

export const domainsOf = (em: EntityManager, organizationId: string) =>
  em.find(OrganizationSsoDomain, { organizationId }, { orderBy: { domain: 'asc' } });

const audit = (
  ctx: IdentityContext,
  organizationId: string,
  action: string,
  metadata: Record<string, unknown>,
) =>
  recordAuditEvent(ctx.em, 'identity', {
    action: `identity.organization_sso.${action}`,
    outcome: 'SUCCESS',
    organizationId,
    actor: actorOf(ctx.principal, ctx.origin),
    target: { type: 'OrganizationSso', id: organizationId },
    metadata,
  });

/** Sets (or replaces) the organization's provider. A secret left out keeps the one stored. */
export async function setOrganizationSso(
  ctx: IdentityContext,
  options: SsoOptions,
  input: { organizationId: string; issuer: string; clientId: string; clientSecret?: string | null },
): Promise<OrganizationSso> {
  const issuer = parseIssuer(input.issuer, options.production);
  const clientId = input.clientId.trim();
  if (!clientId || clientId.length > 255) throw badInput('clientId must be 1 to 255 characters', 'clientId');
  if (input.clientSecret !== undefined && input.clientSecret !== null && input.clientSecret.length > 1024)
    throw badInput('clientSecret is at most 1024 characters', 'clientSecret');
  await assertPublicIssuer(issuer, options.production);
  const now = options.now();
  const sealed = input.clientSecret
    ? await options.keyEncryptionKey.wrap(
        Buffer.from(input.clientSecret, 'utf8'),
        clientSecretContext(input.organizationId),
      )
    : undefined;
  let sso = await ssoOf(ctx.em, input.organizationId);
  if (!sso) {
    sso = ctx.em.create(OrganizationSso, {
      organizationId: input.organizationId,
      issuer,
      clientId,
      clientSecretSealed: sealed ?? null,
      createdBy: ctx.principal.kind === 'user' ? ctx.principal.userId : null,
      createdAt: now,
      updatedAt: now,
    });
  } else {
    sso.issuer = issuer;
    sso.clientId = clientId;
    if (sealed !== undefined) sso.clientSecretSealed = sealed;
    sso.updatedAt = now;
  }
  await ctx.em.flush();
  // The secret is never in an event: only that one was set.
  await audit(ctx, input.organizationId, 'set', { issuer, clientId, clientSecretSet: sealed !== undefined });
  return sso;
}

export async function removeOrganizationSso(ctx: IdentityContext, organizationId: string): Promise<boolean> {
  const sso = await ssoOf(ctx.em, organizationId);
  if (!sso) return false;
  await ctx.em.nativeDelete(OrganizationSsoDomain, { organizationId });
  await ctx.em.nativeDelete(OrganizationSso, { organizationId });
  await audit(ctx, organizationId, 'removed', { issuer: sso.issuer });
  return true;
}

async function requireSso(em: EntityManager, organizationId: string): Promise<OrganizationSso> {
  const sso = await ssoOf(em, organizationId);
  if (!sso) throw stewardError(ErrorCode.NOT_FOUND, 'Single sign-on is not set up for this organization');
  return sso;
}

export async function addSsoDomain(
  ctx: IdentityContext,
  options: SsoOptions,
  organizationId: string,
  input: string,
): Promise<OrganizationSsoDomain> {
  const domain = parseDomain(input);
  await requireSso(ctx.em, organizationId);
  const existing = await ctx.em.findOne(OrganizationSsoDomain, { organizationId, domain });
  if (existing) return existing;
  if ((await ctx.em.count(OrganizationSsoDomain, { organizationId })) >= MAX_DOMAINS)
    throw badInput(`At most ${MAX_DOMAINS} domains per organization`, 'domain');
  const added = ctx.em.create(OrganizationSsoDomain, {
    organizationId,
    domain,
    verificationToken: newVerificationToken(),
    createdAt: options.now(),
    verifiedAt: null,
  });
  await ctx.em.flush();
  await audit(ctx, organizationId, 'domain_added', { domain });
  return added;
}

/**
 * Verifies a domain by its TXT record. A domain another organization already verified is refused
 * (CONFLICT): one organization signs in a domain's people.
 */
export async function verifySsoDomain(
  ctx: IdentityContext,
  options: SsoOptions,
  organizationId: string,
  input: string,
): Promise<OrganizationSsoDomain> {
  const domain = parseDomain(input);
  const row = await ctx.em.findOne(OrganizationSsoDomain, { organizationId, domain });
  if (!row) throw notFound('Domain');
  if (row.verifiedAt) return row;
  const [{ taken }] = await ctx.em.execute<{ taken: boolean }[]>(
    'select identity.sso_domain_verified_elsewhere(?, ?) as taken',
    [domain, organizationId],
  );
  if (taken) throw stewardError(ErrorCode.CONFLICT, 'Another organization has verified this domain');
  if (!(await domainProven(options.txtLookup, domain, row.verificationToken))) {
    throw stewardError(ErrorCode.BAD_USER_INPUT, 'The verification TXT record was not found', {
      field: 'domain',
      reason: 'DOMAIN_NOT_VERIFIED',
    });
  }
  row.verifiedAt = options.now();
  await ctx.em.flush();
  await audit(ctx, organizationId, 'domain_verified', { domain });
  return row;
}

export async function removeSsoDomain(
  ctx: IdentityContext,
  organizationId: string,
  input: string,
): Promise<boolean> {
  const domain = parseDomain(input);
  const removed = await ctx.em.nativeDelete(OrganizationSsoDomain, { organizationId, domain });
  if (removed) await audit(ctx, organizationId, 'domain_removed', { domain });
  return removed > 0;
}

export interface SsoForDomain {
  organizationId: string;
  issuer: string;
  clientId: string;
  clientSecretSealed: string | null;
}

type SsoRow = {
  organization_id: string;
  issuer: string;
  client_id: string;
  client_secret_sealed: string | null;
};

/** The organization whose provider signs in this domain's people (a verified domain), if any. */
export const ssoForDomain = async (em: EntityManager, domain: string) =>
  ssoFromRow(
    (await em.execute<SsoRow[]>('select * from identity.organization_sso_for_domain(?)', [domain]))[0],
  );

/** An organization's provider, if it signs in at least one verified domain (what a sign-in may use). */
export const ssoOfOrganization = async (em: EntityManager, organizationId: string) =>
  ssoFromRow(
    (await em.execute<SsoRow[]>('select * from identity.organization_sso_of(?)', [organizationId]))[0],
  );

function ssoFromRow(row: SsoRow | undefined): SsoForDomain | null {
  return row
    ? {
        organizationId: row.organization_id,
        issuer: row.issuer,
        clientId: row.client_id,
        clientSecretSealed: row.client_secret_sealed,
      }
    : null;
}
