import { createHash } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { OidcFlow } from './oidc-flow.entity.ts';

/** How long the browser has to come back from the provider. */
export const OIDC_FLOW_LIFETIME_MS = 10 * 60_000;
/** Finished or abandoned flows are kept this long past their expiry, then purged. */
const PURGE_AFTER_MS = 24 * 3600_000;

export const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

export interface NewFlow {
  provider: string;
  state: string;
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
  now: Date;
}

export async function createFlow(em: EntityManager, flow: NewFlow): Promise<OidcFlow> {
  // Flows hold nothing personal and are useless once expired: each start sweeps the old ones.
  await em.nativeDelete(OidcFlow, { expiresAt: { $lt: new Date(flow.now.getTime() - PURGE_AFTER_MS) } });
  const created = em.create(OidcFlow, {
    provider: flow.provider,
    stateHash: hashState(flow.state),
    codeVerifier: flow.codeVerifier,
    nonce: flow.nonce,
    redirectUri: flow.redirectUri,
    createdAt: flow.now,
    expiresAt: new Date(flow.now.getTime() + OIDC_FLOW_LIFETIME_MS),
    consumedAt: null,
  });
  await em.flush();
  return created;
}

/**
 * Finds the live flow a state belongs to and marks it consumed, in the request's transaction. The
 * row lock lets two concurrent completions find it only once: the second waits, then finds it spent.
 */
export async function consumeFlow(
  em: EntityManager,
  where: { provider: string; state: string; now: Date },
): Promise<OidcFlow | null> {
  const flow = await em.findOne(
    OidcFlow,
    {
      provider: where.provider,
      stateHash: hashState(where.state),
      consumedAt: null,
      expiresAt: { $gt: where.now },
    },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!flow) return null;
  flow.consumedAt = where.now;
  await em.flush();
  return flow;
}

/** Marks a flow consumed again after the request's transaction was rolled back (a failed sign-in). */
export async function markFlowConsumed(em: EntityManager, id: string, now: Date): Promise<void> {
  await em.nativeUpdate(OidcFlow, { id, consumedAt: null }, { consumedAt: now });
}
