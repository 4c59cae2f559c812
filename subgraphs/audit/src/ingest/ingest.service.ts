import { z } from 'zod';
import { boundOutboxEvent, type OutboxEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import { badInput } from '../../../../platform/errors.ts';
import type { AuditContext } from '../context.ts';
import { AUDIT_ACTOR_TYPES, AUDIT_OUTCOMES } from '../event/audit-event.entity.ts';
import { appendToChain } from '../event/audit-event.repository.ts';
import { PLATFORM_CHAIN_ID, fanOutCopyId } from './fan-out-id.ts';
import { organizationsOfUsers } from './tenancy-memberships.ts';
import { Id } from '../../../../platform/ids.ts';
import { personOf } from '../content/content-subjects.ts';

/** More than a relay ever sends at once (it sends at most 100, in requests under 512 kB). */
export const MAX_EVENTS_PER_INGEST = 500;

const Text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

/** A delivered event: the GraphQL input checked again, since the audit log trusts no caller's bounds. */
const DeliveredEvent = z.object({
  id: Id(),
  occurredAt: z.coerce.date(),
  organizationId: Id()
    .nullish()
    .transform((id) => id ?? null),
  action: z.string().min(1),
  outcome: z.enum(AUDIT_OUTCOMES),
  actor: z.object({ type: z.enum(AUDIT_ACTOR_TYPES), id: Text, ip: Text, userAgent: Text, deviceType: Text }),
  target: z
    .object({ type: z.string().min(1), id: Text })
    .nullish()
    .transform((target) => target ?? null),
  metadata: z.unknown().optional(),
});
type DeliveredEvent = z.infer<typeof DeliveredEvent>;

interface ChainCopy {
  organizationId: string;
  id: string;
  index: number;
  event: OutboxEvent & { occurredAt: Date };
}

/**
 * Events without an organization that stay their person's own, in the platform chain alone: what
 * a person did that touched no organization (an access event the gateway could tie to none, a
 * permission denial outside the person's organizations). Copying them into every organization of
 * the person would show organization A what they did in B.
 */
const STAYS_PERSONAL = [/^gateway\.access\./, /\.permission\.denied$/];

/**
 * Appends delivered events to their chains, each at most once, and answers how many were new.
 * A user's account event with no organization (a sign-in attempt) is copied into the chain of
 * every organization the user belongs to, under an id derived from (event id, organization);
 * with none, and for the events that stay personal (STAYS_PERSONAL), into the platform chain. Chains are appended in organization order (Map.groupBy keeps the sorted order), so
 * concurrent deliveries never deadlock on the per-organization locks.
 */
export async function ingestAuditEvents(ctx: AuditContext, input: unknown[]): Promise<number> {
  if (input.length > MAX_EVENTS_PER_INGEST) {
    throw badInput(`At most ${MAX_EVENTS_PER_INGEST} events at once`, 'events');
  }
  const events = input.map((raw, index) => {
    const parsed = DeliveredEvent.safeParse(raw);
    if (!parsed.success)
      throw badInput(`Malformed event: ${parsed.error.issues[0]?.message}`, `events.${index}`);
    return parsed.data;
  });
  const users = [...new Set(events.filter(fansOut).map(subjectUserOf))];
  const memberships = await organizationsOfUsers(
    ctx,
    users.filter((user): user is string => user !== null),
  );
  const copies = events.flatMap((event, index) => copiesOf(event, index, memberships));
  copies.sort((a, b) => compare(a.organizationId, b.organizationId) || a.index - b.index);
  await ctx.tx.extendScope({ tenantIds: [...new Set(copies.map((copy) => copy.organizationId))] });
  let appended = 0;
  for (const [organizationId, chain] of Map.groupBy(copies, (copy) => copy.organizationId)) {
    const inputs = chain.map(({ id, event }) => ({ ...event, organizationId, id }));
    appended += (await appendToChain(ctx.em, ctx.sealer, organizationId, inputs)).length;
  }
  return appended;
}

function copiesOf(event: DeliveredEvent, index: number, memberships: Map<string, string[]>): ChainCopy[] {
  const { id, occurredAt, organizationId, metadata, ...rest } = event;
  const bounded = {
    ...boundOutboxEvent({ ...rest, organizationId, metadata: metadataOf(metadata) }),
    occurredAt,
  };
  if (organizationId !== null) return [{ organizationId, id, index, event: bounded }];
  const user = fansOut(event) ? subjectUserOf(event) : null;
  const organizations = (user && memberships.get(user)) || [];
  const chains = organizations.length ? organizations : [PLATFORM_CHAIN_ID];
  return chains.map((chain) => ({
    organizationId: chain,
    id: fanOutCopyId(id, chain),
    index,
    event: bounded,
  }));
}

/** Whether an event joins the chains of its user's organizations: an account event without one. */
const fansOut = (event: DeliveredEvent) =>
  event.organizationId === null && !STAYS_PERSONAL.some((pattern) => pattern.test(event.action));

/** Whose own event it is (the same person whose key seals its personal content). */
const subjectUserOf = (event: DeliveredEvent): string | null => personOf(event);

function metadataOf(metadata: unknown): Record<string, unknown> | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  return typeof metadata === 'object' && !Array.isArray(metadata)
    ? (metadata as Record<string, unknown>)
    : { value: metadata };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
