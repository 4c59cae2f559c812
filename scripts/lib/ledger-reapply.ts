import { randomBytes, generateKeyPairSync, type KeyObject } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { connectionUrlFor, rolesOf } from '../../platform/database.ts';
import { createInternalClient } from '../../platform/internal-client.ts';
import { createInternalTokenSigner, serviceIssuerOf } from '../../platform/internal-token.ts';
import { signingKeysOf } from '../../platform/signing-keys.ts';
import { initOrm } from '../../subgraphs/runtime/orm.ts';
import { createSubgraphServer, type RunningSubgraph } from '../../subgraphs/runtime/subgraph-server.ts';
import { subjectDataRoutes } from '../../subgraphs/protocols/subject-data/routes.ts';
import type { BlobStore } from '../../subgraphs/lifecycle/src/export/blob-store.ts';
import { destroyEverywhere } from '../../subgraphs/lifecycle/src/deletion/destroy-everywhere.ts';
import { pseudonymKeyOf } from '../../subgraphs/lifecycle/src/deletion/deletion-job.ts';
import type { entryOfRow } from '../../subgraphs/lifecycle/src/ledger/erasure-ledger.ts';
import {
  LEDGER_SELECT,
  subjectOfEntry,
  type LedgerEntry,
} from '../../subgraphs/lifecycle/src/ledger/erasure-ledger.ts';
import { BackupError } from '../../subgraphs/lifecycle/src/backup/backup-error.ts';
import { subgraphModules } from './subgraph-modules.ts';
import { standaloneSealer } from './standalone-sealer.ts';
import { destroySubjectKeys } from '../../subgraphs/lifecycle/src/deletion/destroyed-keys.ts';
import type { SubjectKeysOfProcess } from '../../subgraphs/runtime/context.ts';

export interface ReapplyOptions {
  /** The restored database: a superuser URL (the runtime roles' URLs derive from it). */
  databaseUrl: string;
  dbSecret: string;
  /** The ledger as newest known (the blob store's copy merged with the live database's). */
  ledger: LedgerEntry[];
  /** The deployment's blob store: a re-erased export takes its archive with it, as deletion does. */
  blobStore: BlobStore;
  supergraphSdl: string;
  /** The certificate key (STEWARD_CERTIFICATE_SIGNING_KEY): the same pseudonyms as the first time. */
  certificateKey?: KeyObject;
  logger: Logger;
}

export interface ReapplyResult {
  /** Entries the restored database did not hold: erased again, then recorded in its ledger. */
  applied: LedgerEntry[];
  /** Entries already in its ledger: erased before the backup's snapshot. */
  alreadyApplied: number;
}

/**
 * Re-applies the erasure ledger to a restored database: every deletion the ledger holds and the
 * database's own ledger does not (it completed after the backup's snapshot) runs again through the
 * subject-data protocol of each subgraph (the deletion job's own destroy and verify routes, served
 * here by each subgraph's routes on the restored database, called as lifecycle), then is recorded
 * in the restored ledger. Nothing else of the subgraphs runs: no jobs, no relay, no GraphQL caller.
 * An entry already in the restored ledger is not re-run: its subject's data was gone at the
 * snapshot, and a member may have rejoined since.
 */
export async function reapplyLedger(options: ReapplyOptions): Promise<ReapplyResult> {
  const client = new pg.Client({
    connectionString: options.databaseUrl,
    application_name: 'steward-restore',
  });
  await client.connect();
  try {
    const known = new Set(
      (await client.query<Parameters<typeof entryOfRow>[0]>(LEDGER_SELECT)).rows.map(
        (row) => row.deletion_id,
      ),
    );
    const pending = options.ledger.filter((entry) => !known.has(entry.deletionId));
    if (!pending.length) return { applied: [], alreadyApplied: known.size };
    // Lifecycle's key store, as the deletion job uses it: a backup older than a deletion holds the
    // subject's data keys again, and they go first, as they did the first time.
    const sealing = standaloneSealer(
      connectionUrlFor(options.databaseUrl, rolesOf('lifecycle').runtime, options.dbSecret),
      { logger: options.logger },
    );
    const { subjectKeys } = sealing;
    const keys: SubjectKeysOfProcess = { subjectKeys, sealer: sealing.sealer };
    const servers = await serveSubjectData(options, keys).catch(async (error: unknown) => {
      await sealing.close();
      throw error;
    });
    try {
      const keys = signingKeysOf(
        options.certificateKey ?? generateKeyPairSync('ed25519').privateKey,
        [],
        'certificate signing',
      );
      const origin = { requestId: `ledger-${randomBytes(8).toString('hex')}`, ip: null, userAgent: null };
      for (const entry of pending) {
        await destroySubjectKeys(subjectKeys, subjectOfEntry(entry));
        const { remaining } = await destroyEverywhere(servers.internal, origin, {
          deletionId: entry.deletionId,
          subject: subjectOfEntry(entry),
          pseudonymKey: pseudonymKeyOf(keys, entry.deletionId),
          organizationIds: entry.organizationIds,
        });
        if (remaining > 0) {
          throw new BackupError(
            'LEDGER_NOT_APPLIED',
            `Deletion ${entry.deletionId}: ${remaining} rows left after it was re-applied`,
          );
        }
        await client.query(
          `insert into lifecycle.erasure_ledger
             (deletion_id, subject_kind, organization_id, user_id, organization_ids, certificate_id, completed_at)
           values ($1, $2, $3, $4, $5::uuid[], $6, $7) on conflict (deletion_id) do nothing`,
          [
            entry.deletionId,
            entry.subjectKind,
            entry.organizationId,
            entry.userId,
            entry.organizationIds,
            entry.certificateId,
            entry.completedAt,
          ],
        );
        options.logger.info(
          { deletionId: entry.deletionId, subjectKind: entry.subjectKind },
          'erasure ledger: deletion re-applied',
        );
      }
    } finally {
      await servers.close();
      await sealing.close();
    }
    return { applied: pending, alreadyApplied: known.size };
  } finally {
    await client.end();
  }
}

/**
 * Each subgraph's subject-data routes on the restored database, on loopback, trusting one key made
 * for this run: the deletion machinery as the deletion job reaches it, and nothing more.
 */
async function serveSubjectData(options: ReapplyOptions, keys: SubjectKeysOfProcess) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const running: RunningSubgraph[] = [];
  const orms: { close(force?: boolean): Promise<void> }[] = [];
  const urls: Record<string, string> = {};
  try {
    const modules = subgraphModules({
      production: false,
      supergraphSdl: options.supergraphSdl,
      env: {},
      lifecycle: { blobStore: options.blobStore },
    });
    for (const module of modules) {
      const orm = await initOrm({
        subgraph: module.name,
        clientUrl: connectionUrlFor(options.databaseUrl, rolesOf(module.name).runtime, options.dbSecret),
        entities: module.entities,
        migrations: module.migrations,
        poolMax: 2,
      });
      orms.push(orm);
      const server = createSubgraphServer({
        ...module,
        routes: subjectDataRoutes(module.typeDefs, module.subjectData),
        orm,
        keys,
        trusted: { gateway: publicKey, services: { lifecycle: publicKey } },
        logger: options.logger.child({ subgraph: module.name }),
      });
      const listening = await server.listen(0, '127.0.0.1');
      running.push(listening);
      urls[module.name] = listening.url;
    }
  } catch (error) {
    for (const server of running) await server.close();
    for (const orm of orms) await orm.close(true);
    throw error;
  }
  const internal = createInternalClient(
    createInternalTokenSigner(privateKey, { issuer: serviceIssuerOf('lifecycle') }),
    'lifecycle',
    (name) => urls[name],
  );
  return {
    internal,
    close: async () => {
      for (const server of running) await server.close();
      for (const orm of orms) await orm.close(true);
    },
  };
}
