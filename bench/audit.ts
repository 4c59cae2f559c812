/**
 * Audit figures (issue 5): the latency auditing adds to a mutation, and the events per second one
 * organization's chain takes. Both on the real roles, RLS and code paths, without HTTP noise:
 * a tenancy mutation (createProject) in its transaction with and without its outbox event, and
 * batched appends to one organization's hash chain.
 */
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';
import { actorOf, recordAuditEvent } from '../subgraphs/protocols/audit-outbox/audit-outbox.ts';
import { rolesOf, urlForRole, type SubgraphName } from '../platform/database.ts';
import { initOrm, runInScope } from '../subgraphs/runtime/orm.ts';
import type { SubgraphModule } from '../subgraphs/runtime/subgraph-module.ts';
import { auditEntities, auditMigrations } from '../subgraphs/audit/src/module.ts';
import { appendToChain } from '../subgraphs/audit/src/event/audit-event.repository.ts';
import { tenancyEntities, tenancyMigrations } from '../subgraphs/tenancy/src/module.ts';
import { createOrganization } from '../subgraphs/tenancy/src/organization/organization.repository.ts';
import { createProject } from '../subgraphs/tenancy/src/project/project.repository.ts';
import { standaloneSealer } from '../scripts/lib/standalone-sealer.ts';

export interface AuditFigures {
  mutationP50Ms: { withoutAudit: number; withAudit: number; added: number };
  appendsPerSecond: { batched: number; single: number };
  samples: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function runtimeOrm(
  module: Pick<SubgraphModule, 'entities' | 'migrations'> & { name: SubgraphName },
  databaseUrl: string,
  secret: string,
): Promise<MikroORM> {
  return initOrm({
    subgraph: module.name,
    clientUrl: urlForRole(databaseUrl, rolesOf(module.name).runtime, secret),
    entities: module.entities,
    migrations: module.migrations,
    poolMax: 2,
  });
}

export async function measureAudit(
  databaseUrl: string,
  secret: string,
  samples = 300,
): Promise<AuditFigures> {
  const tenancy = await runtimeOrm(
    { name: 'tenancy', entities: tenancyEntities, migrations: tenancyMigrations },
    databaseUrl,
    secret,
  );
  const audit = await runtimeOrm(
    { name: 'audit', entities: auditEntities, migrations: auditMigrations },
    databaseUrl,
    secret,
  );
  const { sealer, close } = standaloneSealer(urlForRole(databaseUrl, rolesOf('audit').runtime, secret));
  try {
    const creatorId = crypto.randomUUID();
    const organizationId = await runInScope(tenancy, { tenantIds: [], userId: creatorId }, async (tx) => {
      const organization = await createOrganization(tx.em, tx, {
        sealName: async () => 'Bench audit',
        region: 'eu',
        creatorId,
      });
      return organization.id;
    });
    const principal = { kind: 'user' as const, userId: creatorId, memberships: [] };
    const origin = { requestId: 'bench', ip: '127.0.0.1', userAgent: 'bench' };

    const mutation = async (withAudit: boolean, i: number) => {
      const started = performance.now();
      await runInScope(tenancy, { tenantIds: [organizationId], userId: creatorId }, async (tx) => {
        const project = await createProject(tx.em, { organizationId, sealName: async () => `p${i}` });
        if (withAudit) {
          await recordAuditEvent(tx.em, 'tenancy', {
            action: 'tenancy.project.created',
            outcome: 'SUCCESS',
            organizationId,
            actor: actorOf(principal, origin),
            target: { type: 'Project', id: project.id },
          });
        }
      });
      return performance.now() - started;
    };
    // Interleaved, after a warm-up, so both see the same cache and load.
    for (let i = 0; i < 30; i++) await mutation(i % 2 === 0, -i);
    const without: number[] = [];
    const withAudit: number[] = [];
    for (let i = 0; i < samples; i++) {
      without.push(await mutation(false, 2 * i));
      withAudit.push(await mutation(true, 2 * i + 1));
    }

    const event = (i: number) => ({
      organizationId,
      action: 'bench.append',
      outcome: 'SUCCESS' as const,
      actor: { type: 'SYSTEM' as const, id: 'bench' },
      target: { type: 'Bench', id: String(i) },
      metadata: { i },
    });
    const appendScope = { tenantIds: [organizationId], userId: null };
    let started = performance.now();
    const batches = 20;
    const batchSize = 500;
    for (let b = 0; b < batches; b++) {
      await runInScope(audit, appendScope, (tx) =>
        appendToChain(
          tx.em,
          sealer,
          organizationId,
          Array.from({ length: batchSize }, (_, i) => event(b * batchSize + i)),
        ),
      );
    }
    const batched = (batches * batchSize) / ((performance.now() - started) / 1000);
    started = performance.now();
    const singles = 500;
    for (let i = 0; i < singles; i++) {
      await runInScope(audit, appendScope, (tx) => appendToChain(tx.em, sealer, organizationId, [event(i)]));
    }
    const single = singles / ((performance.now() - started) / 1000);

    const p50Without = median(without);
    const p50With = median(withAudit);
    return {
      mutationP50Ms: { withoutAudit: p50Without, withAudit: p50With, added: p50With - p50Without },
      appendsPerSecond: { batched, single },
      samples,
    };
  } finally {
    await tenancy.close(true);
    await audit.close(true);
    await close();
  }
}
