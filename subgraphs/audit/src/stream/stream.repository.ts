import type { EntityManager } from '@mikro-orm/postgresql';

export type AuditStreamFormat = 'STEWARD' | 'OCSF';

export interface AuditStream {
  id: string;
  format: AuditStreamFormat;
  organizationId: string;
  url: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  deliveredSequence: number;
  lastDeliveredAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  failures: number;
  nextAttemptAt: Date;
}

export interface StreamRow {
  id: string;
  organization_id: string;
  url: string;
  secret_sealed: string;
  enabled: boolean;
  format: AuditStreamFormat;
  created_at: string | Date;
  updated_at: string | Date;
  delivered_sequence: string | number;
  last_delivered_at: string | Date | null;
  last_error: string | null;
  last_error_at: string | Date | null;
  failures: number;
  next_attempt_at: string | Date;
}

const dateOrNull = (value: string | Date | null) => (value === null ? null : new Date(value));

export const streamOf = (row: StreamRow): AuditStream => ({
  id: row.id,
  organizationId: row.organization_id,
  url: row.url,
  enabled: row.enabled,
  format: row.format,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  deliveredSequence: Number(row.delivered_sequence),
  lastDeliveredAt: dateOrNull(row.last_delivered_at),
  lastError: row.last_error,
  lastErrorAt: dateOrNull(row.last_error_at),
  failures: row.failures,
  nextAttemptAt: new Date(row.next_attempt_at),
});

/** A stream the transaction's tenant scope (RLS) lets it see; null otherwise. */
export async function findStreamRow(em: EntityManager, id: string): Promise<StreamRow | null> {
  const [row] = await em.execute<StreamRow[]>('select * from audit.streams where id = ?', [id]);
  return row ?? null;
}

export async function streamsOf(em: EntityManager, organizationId: string): Promise<AuditStream[]> {
  const rows = await em.execute<StreamRow[]>(
    'select * from audit.streams where organization_id = ? order by created_at, id',
    [organizationId],
  );
  return rows.map(streamOf);
}

export async function insertStream(
  em: EntityManager,
  stream: {
    id: string;
    organizationId: string;
    url: string;
    format: AuditStreamFormat;
    secretSealed: string;
    createdBy: string | null;
    deliveredSequence: number;
    now: Date;
  },
): Promise<AuditStream> {
  const [row] = await em.execute<StreamRow[]>(
    `insert into audit.streams (id, organization_id, url, format, secret_sealed, created_by, created_at, updated_at,
        delivered_sequence, next_attempt_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
    [
      stream.id,
      stream.organizationId,
      stream.url,
      stream.format,
      stream.secretSealed,
      stream.createdBy,
      stream.now,
      stream.now,
      stream.deliveredSequence,
      stream.now,
    ],
  );
  return streamOf(row!);
}

/** A changed URL or a stream turned on is due at once, its failure count reset (a fresh start). */
export async function changeStream(
  em: EntityManager,
  id: string,
  change: { url: string | null; enabled: boolean | null; format: AuditStreamFormat | null },
  now: Date,
): Promise<AuditStream> {
  const [row] = await em.execute<StreamRow[]>(
    `update audit.streams set url = coalesce(?, url), enabled = coalesce(?, enabled),
        format = coalesce(?, format), updated_at = ?, failures = 0, next_attempt_at = ?
      where id = ? returning *`,
    [change.url, change.enabled, change.format, now, now, id],
  );
  return streamOf(row!);
}

export async function deleteStream(em: EntityManager, id: string): Promise<void> {
  await em.execute('delete from audit.streams where id = ?', [id]);
}
