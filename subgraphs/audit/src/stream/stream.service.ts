import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '../../../../platform/errors.ts';
import { streamAdminAccess } from './stream.permissions.ts';
import type { AuditContext } from '../context.ts';
import { appendToChain } from '../event/audit-event.repository.ts';
import { readChainHead } from '../event/chain-head.ts';
import { newStreamSecret, sealStreamSecret } from './stream-secret.ts';
import { parseStreamUrl } from './stream-url.ts';
import {
  changeStream,
  deleteStream,
  findStreamRow,
  insertStream,
  streamsOf,
  type AuditStream,
  type AuditStreamFormat,
} from './stream.repository.ts';

export interface StreamSettings {
  /** AES-256-GCM key sealing streams' secrets (AUDIT_STREAM_KEY). */
  key: Buffer;
  /** Tests only: receivers on loopback (AuditOptions.allowLoopbackReceivers). */
  allowLoopback: boolean;
  now: () => Date;
}

/** More would be a misconfiguration; each stream is a delivery loop's work. */
export const MAX_STREAMS_PER_ORGANIZATION = 10;

// The audit event names where the stream posts without its query (which may hold a collector's token).
const shownUrl = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
};

/** Every change is an event of the organization's chain, in the transaction of the change. */
async function record(
  ctx: AuditContext,
  stream: { id: string; organizationId: string },
  action: string,
  metadata: Record<string, unknown>,
) {
  const { principal, origin } = ctx;
  await appendToChain(ctx.em, ctx.sealer, stream.organizationId, [
    {
      organizationId: stream.organizationId,
      action,
      outcome: 'SUCCESS',
      actor: {
        type: principal.kind === 'apiKey' ? 'API_KEY' : principal.kind === 'user' ? 'USER' : 'SYSTEM',
        id:
          principal.kind === 'user' ? principal.userId : principal.kind === 'apiKey' ? principal.keyId : null,
        ip: origin.ip,
        userAgent: origin.userAgent,
      },
      target: { type: 'AuditStream', id: stream.id },
      metadata,
    },
  ]);
}

/** A new stream starts after the chain's current head: its own creation is the first event it gets. */
export async function createAuditStream(
  ctx: AuditContext,
  organizationId: string,
  input: { url: string; format?: AuditStreamFormat | null },
  settings: StreamSettings,
): Promise<{ stream: AuditStream; secret: string }> {
  const url = await parseStreamUrl(input.url, settings.allowLoopback);
  const existing = await streamsOf(ctx.em, organizationId);
  if (existing.length >= MAX_STREAMS_PER_ORGANIZATION)
    throw badInput(
      `an organization has at most ${MAX_STREAMS_PER_ORGANIZATION} audit streams`,
      'organizationId',
    );
  const id = randomUUID();
  const secret = newStreamSecret();
  // Under the chain's lock (taken by the append below, which comes after): read the head first.
  const head = await readChainHead(ctx.em, organizationId);
  const stream = await insertStream(ctx.em, {
    id,
    organizationId,
    url,
    format: input.format ?? 'STEWARD',
    secretSealed: sealStreamSecret(settings.key, id, secret),
    createdBy: ctx.principal.kind === 'user' ? ctx.principal.userId : null,
    deliveredSequence: head?.sequence ?? 0,
    now: settings.now(),
  });
  await record(ctx, stream, 'audit.stream.create', {
    url: shownUrl(url),
    format: stream.format,
  });
  return { stream, secret };
}

/** The stream, if the caller is an ADMIN of its organization: NOT_FOUND outside it, FORBIDDEN to a member. */
async function streamToChange(ctx: AuditContext, id: string) {
  const row = await findStreamRow(ctx.em, id);
  if (!row) throw notFound('AuditStream');
  const access = streamAdminAccess(ctx.principal, row.organization_id);
  if (access !== true) throw access instanceof Error ? access : notFound('AuditStream');
  return row;
}

export async function updateAuditStream(
  ctx: AuditContext,
  id: string,
  input: { url?: string | null; enabled?: boolean | null; format?: AuditStreamFormat | null },
  settings: StreamSettings,
): Promise<AuditStream> {
  if (input.url == null && input.enabled == null && input.format == null)
    throw badInput('give a url, enabled or format to change', 'input');
  const url = input.url == null ? null : await parseStreamUrl(input.url, settings.allowLoopback);
  await streamToChange(ctx, id);
  const stream = await changeStream(
    ctx.em,
    id,
    {
      url,
      enabled: input.enabled ?? null,
      format: input.format ?? null,
    },
    settings.now(),
  );
  await record(ctx, stream, 'audit.stream.update', {
    ...(url === null ? {} : { url: shownUrl(url) }),
    ...(input.enabled == null ? {} : { enabled: input.enabled }),
    ...(input.format == null ? {} : { format: input.format }),
  });
  return stream;
}

export async function deleteAuditStream(ctx: AuditContext, id: string): Promise<string> {
  const row = await streamToChange(ctx, id);
  await deleteStream(ctx.em, id);
  await record(ctx, { id, organizationId: row.organization_id }, 'audit.stream.delete', {
    url: shownUrl(row.url),
  });
  return id;
}
