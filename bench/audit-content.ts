/**
 * What sealing audit content costs (issue 18), in one run on the real roles, RLS, key store and
 * code paths, without HTTP: the audit page of 100 events (its content sealed under 11 subjects'
 * keys) read with its content opened, beside the same page's SQL alone, with the key store's
 * cache cold (each key read and unwrapped) and warm; and a sign-in's audit event appended with
 * its content sealed, beside the sealing alone.
 */
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { initOrm, runInScope } from '../subgraphs/runtime/orm.ts';
import { auditEntities, auditMigrations } from '../subgraphs/audit/src/module.ts';
import { appendToChain, listAuditEvents } from '../subgraphs/audit/src/event/audit-event.repository.ts';
import { openEvents } from '../subgraphs/audit/src/content/opened-event.ts';
import { sealContent } from '../subgraphs/audit/src/content/content-seal.ts';
import { standaloneSealer } from '../scripts/lib/standalone-sealer.ts';

export interface AuditContentFigures {
  /** p50 ms of the 100-event page: SQL alone, opened with keys cached, opened with every key read. */
  pageP50Ms: { sqlOnly: number; openedWarm: number; openedCold: number };
  /** Distinct data keys the page's content is sealed under (what a cold page reads and unwraps). */
  keysPerPage: number;
  /** p50 ms of a sign-in's audit event appended (content sealed), and of the sealing alone. */
  signInP50Ms: { append: number; sealOnly: number };
  samples: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function measureAuditContent(
  databaseUrl: string,
  secret: string,
  samples = 100,
): Promise<AuditContentFigures> {
  const runtimeUrl = urlForRole(databaseUrl, rolesOf('audit').runtime, secret);
  const orm: MikroORM = await initOrm({
    subgraph: 'audit',
    clientUrl: runtimeUrl,
    entities: auditEntities,
    migrations: auditMigrations,
    poolMax: 2,
  });
  const keys = standaloneSealer(runtimeUrl);
  const { sealer } = keys;
  try {
    const organizationId = crypto.randomUUID();
    const users = Array.from({ length: 10 }, () => crypto.randomUUID());
    const scope = { tenantIds: [organizationId], userId: null };
    // A sign-in as identity records it: where from, and the address in its details.
    const signIn = (i: number) => ({
      organizationId,
      action: 'identity.sign_in.succeeded',
      outcome: 'SUCCESS' as const,
      actor: {
        type: 'USER' as const,
        id: users[i % users.length]!,
        ip: `198.51.100.${i % 250}`,
        userAgent:
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
        deviceType: 'DESKTOP',
      },
      target: { type: 'Session', id: crypto.randomUUID() },
      metadata: {
        email: `user${i % users.length}@example.com`,
        method: 'PASSWORD',
        attemptId: crypto.randomUUID(),
      },
    });
    await runInScope(orm, scope, (tx) =>
      appendToChain(
        tx.em,
        sealer,
        organizationId,
        Array.from({ length: 100 }, (_, i) => signIn(i)),
      ),
    );

    const page = async () =>
      (
        await runInScope(orm, scope, (tx) => listAuditEvents(tx.em, organizationId, null, 100, null))
      ).edges.map((edge) => edge.node);
    const opened = async () => openEvents(sealer, await page());
    for (let i = 0; i < 10; i++) await opened();
    const sqlOnly: number[] = [];
    const openedWarm: number[] = [];
    const openedCold: number[] = [];
    for (let i = 0; i < samples; i++) {
      sqlOnly.push(await timed(page));
      openedWarm.push(await timed(opened));
      keys.subjectKeys.forget();
      openedCold.push(await timed(opened));
    }
    const keyIds = (await page()).flatMap((event) =>
      [event.actorIp, event.actorUserAgent, event.metadata].flatMap((value) =>
        typeof value === 'string' ? [value.slice(0, 36)] : [],
      ),
    );

    const append: number[] = [];
    const sealOnly: number[] = [];
    for (let i = 0; i < samples; i++) {
      const event = signIn(i);
      append.push(
        await timed(() =>
          runInScope(orm, scope, (tx) => appendToChain(tx.em, sealer, organizationId, [event])),
        ),
      );
      const content = {
        actorIp: event.actor.ip,
        actorUserAgent: event.actor.userAgent,
        metadata: event.metadata,
      };
      sealOnly.push(await timed(() => sealContent(sealer, { ...event, id: crypto.randomUUID() }, content)));
    }
    return {
      pageP50Ms: { sqlOnly: median(sqlOnly), openedWarm: median(openedWarm), openedCold: median(openedCold) },
      keysPerPage: new Set(keyIds).size,
      signInP50Ms: { append: median(append), sealOnly: median(sealOnly) },
      samples,
    };
  } finally {
    await orm.close(true);
    await keys.close();
  }
}
