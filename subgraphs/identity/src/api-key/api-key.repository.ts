import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import { forbidden, notFound } from '../../../../platform/errors.ts';
import { announcePrincipalChange } from '../../../../platform/principal-changes.ts';
import { membershipIn, type Principal } from '../../../../platform/principal.ts';
import { signInPolicyError } from '../../../../platform/sign-in-policy.ts';
import type { IdentityContext } from '../context.ts';
import { ApiKey } from './api-key.entity.ts';
import type { CreateApiKeyInput } from './api-key.input.ts';
import { isId } from '../../../../platform/ids.ts';
import { hashApiKeyToken, newApiKeyToken, prefixOf, tokenMatches } from './api-key-tokens.ts';
import { isApiKeyScope } from './scopes.ts';

/** `lastUsedAt` is written at most this often per key, so a busy key does not write on every request. */
const LAST_USED_PRECISION_MS = 60_000;

export const isAdminOf = (principal: Principal, organizationId: string) =>
  membershipIn(principal, organizationId)?.role === 'ADMIN';

export function apiKeysOf(em: EntityManager, organizationId: string): Promise<ApiKey[]> {
  return em.find(ApiKey, { organizationId }, { orderBy: { createdAt: 'desc', id: 'asc' } });
}

/** Creates a key and returns its token: the only time it exists outside the caller's hands. */
export async function createApiKey(
  ctx: IdentityContext,
  organizationId: string,
  input: CreateApiKeyInput,
  now: Date,
): Promise<{ apiKey: ApiKey; secret: string }> {
  // A prefix collision (48 bits) breaks the unique index and fails the request; a retry succeeds.
  const { token, prefix } = newApiKeyToken();
  const apiKey = ctx.em.create(ApiKey, {
    organizationId,
    name: input.name,
    prefix,
    secretHash: hashApiKeyToken(token),
    scopes: input.scopes,
    createdBy: ctx.principal.kind === 'user' ? ctx.principal.userId : null,
    createdAt: now,
    expiresAt: input.expiresAt,
    lastUsedAt: null,
    revokedAt: null,
  });
  await ctx.em.flush();
  await recordAuditEvent(ctx.em, 'identity', {
    action: 'identity.api_key.created',
    outcome: 'SUCCESS',
    organizationId,
    actor: actorOf(ctx.principal, ctx.origin),
    target: { type: 'ApiKey', id: apiKey.id },
    metadata: { name: apiKey.name, prefix, scopes: apiKey.scopes, expiresAt: apiKey.expiresAt },
  });
  return { apiKey, secret: token };
}

/**
 * Revokes a key of an organization the principal administers (idempotent). A key of another
 * tenant is hidden by the tenant filter and RLS, and answers NOT_FOUND.
 */
export async function revokeApiKey(ctx: IdentityContext, id: string, now: Date): Promise<ApiKey> {
  const apiKey = isId(id) ? await ctx.em.findOne(ApiKey, { id }) : null;
  if (!apiKey) throw notFound('API key');
  if (!isAdminOf(ctx.principal, apiKey.organizationId)) throw forbidden();
  // Found by its id alone: the gateway could not see whose sign-in policy applies.
  const refusal = signInPolicyError(ctx.principal, apiKey.organizationId);
  if (refusal) throw refusal;
  if (apiKey.revokedAt) return apiKey;
  apiKey.revokedAt = now;
  await ctx.em.flush();
  // Gateways drop the key's cached principal when this commits.
  await announcePrincipalChange(ctx.em, { kind: 'apiKey', id: apiKey.id });
  await recordAuditEvent(ctx.em, 'identity', {
    action: 'identity.api_key.revoked',
    outcome: 'SUCCESS',
    organizationId: apiKey.organizationId,
    actor: actorOf(ctx.principal, ctx.origin),
    target: { type: 'ApiKey', id: apiKey.id },
    metadata: { name: apiKey.name, prefix: apiKey.prefix },
  });
  return apiKey;
}

interface ApiKeyLookupRow {
  id: string;
  organization_id: string;
  secret_hash: string;
  scopes: string[];
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
}

export interface ApiKeyPrincipal {
  keyId: string;
  organizationId: string;
  scopes: string[];
  /** Lets the gateway cache the principal no longer than the key lives. */
  expiresAt: Date | null;
}

/**
 * The principal a bearer token grants, or null: malformed, unknown, wrong secret, revoked or
 * expired. The gateway does not know the organization yet, so the row is found by its prefix
 * through `identity.api_key_by_prefix` (see Migration20261121010200), the one cross-tenant read.
 */
export async function authenticateApiKey(
  ctx: IdentityContext,
  token: string,
  now: Date,
): Promise<ApiKeyPrincipal | null> {
  const prefix = prefixOf(token);
  if (!prefix) return null;
  const [row] = await ctx.em.execute<ApiKeyLookupRow[]>(
    'select id, organization_id, secret_hash, scopes, expires_at, revoked_at from identity.api_key_by_prefix(?)',
    [prefix],
  );
  if (!row || !tokenMatches(token, row.secret_hash)) return null;
  if (row.revoked_at || (row.expires_at && new Date(row.expires_at) <= now)) return null;

  const principal = {
    keyId: row.id,
    organizationId: row.organization_id,
    // A scope withdrawn from the list grants nothing, even to keys created before.
    scopes: row.scopes.filter(isApiKeyScope),
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
  };
  await ctx.tx.extendScope({ tenantIds: [principal.organizationId] });
  await recordUse(ctx, principal, now);
  return principal;
}

/** Sets `lastUsedAt`; the first use ever is an audit event (exactly once, even when concurrent). */
async function recordUse(ctx: IdentityContext, key: ApiKeyPrincipal, now: Date): Promise<void> {
  const firstUse = await ctx.em.nativeUpdate(
    ApiKey,
    { id: key.keyId, lastUsedAt: null },
    { lastUsedAt: now },
  );
  if (firstUse === 0) {
    const stale = new Date(now.getTime() - LAST_USED_PRECISION_MS);
    await ctx.em.nativeUpdate(ApiKey, { id: key.keyId, lastUsedAt: { $lt: stale } }, { lastUsedAt: now });
    return;
  }
  await recordAuditEvent(ctx.em, 'identity', {
    action: 'identity.api_key.first_used',
    outcome: 'SUCCESS',
    organizationId: key.organizationId,
    actor: actorOf({ kind: 'apiKey', ...key }, ctx.origin),
    target: { type: 'ApiKey', id: key.keyId },
  });
}
