import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse, type DocumentNode } from 'graphql';
import type pg from 'pg';
import { createLogger } from '../platform/logger.ts';
import { trustedIssuersOf } from '../platform/internal-token.ts';
import { startSubgraph, type SubgraphModule } from '../subgraphs/runtime/subgraph-module.ts';
import { SUBJECT_EXPORT_PATH, readExportStream } from '../contracts/subject-data-export.ts';
import { subjectTypesOf } from '../subgraphs/protocols/subject-data/subject-types.ts';
import { buildDataMap } from '../subgraphs/lifecycle/src/module.ts';
import { composeSubgraphs, LIFECYCLE_SPEC_FILE, readSubgraphs } from '../scripts/lib/compose.ts';
import { readSupergraph, subgraphModules } from '../scripts/lib/subgraph-modules.ts';
import { subgraphStorage } from '../scripts/lib/subgraph-storage.ts';
import { adminClient } from './support/stack.ts';
import { internalToken } from './support/audit-helpers.ts';
import { testEnvironment } from './support/test-env.ts';

// "Adding @export to a stored field exports it with no other code change", for real: tenancy's
// schema with `@export` added to Project.organizationId (stored, not exported today), composed by
// the function `npm run compose` runs, and served by the tenancy subgraph through the runtime on the
// test database. The module reads its schema file; the test hands the runtime the edited schema instead.

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const LABEL = 'Owning organization';
const tenancySource = readSubgraphs(rootDir).find((s) => s.name === 'tenancy')!;
const editedSdl = tenancySource.sdl.replace(
  /^(type Project\b[^{]*\{[^}]*?\n\s*organizationId: ID!)/m,
  `$1 @export(label: "${LABEL}")`,
);

let db: pg.Client;
let organizationId: string;
let projectId: string;
beforeAll(async () => {
  db = await adminClient();
  organizationId = randomUUID();
  projectId = randomUUID();
  await db.query(
    `insert into tenancy.organizations (id, name, region) values ($1, 'Export Directive Co', 'eu')`,
    [organizationId],
  );
  await db.query(`insert into tenancy.projects (id, organization_id, name) values ($1, $2, 'Directive')`, [
    projectId,
    organizationId,
  ]);
});
afterAll(async () => {
  await db?.query('delete from tenancy.organizations where id = $1', [organizationId]);
  await db?.end();
});

/** Starts tenancy through the runtime with `typeDefs` and answers the Project records of its export route. */
async function exportedProjects(typeDefs: DocumentNode): Promise<Record<string, unknown>[]> {
  const env = testEnvironment();
  const tenancy = subgraphModules({ production: false, supergraphSdl: readSupergraph() }).find(
    (m) => m.name === 'tenancy',
  )!;
  // The runtime serves the subject-data routes from the module's typeDefs.
  const module = { ...tenancy, typeDefs } as SubgraphModule;
  const running = await startSubgraph(module, {
    databaseUrl: env.databaseUrl,
    dbSecret: env.dbSecret,
    trusted: trustedIssuersOf(env),
    logger: createLogger('test', 'silent'),
  });
  try {
    const response = await fetch(
      new URL(`${SUBJECT_EXPORT_PATH}?organizationId=${organizationId}`, running.url),
      {
        headers: {
          authorization: `Bearer ${await internalToken('tenancy', { kind: 'system', service: 'lifecycle' })}`,
        },
      },
    );
    expect(response.status).toBe(200);
    return readExportStream(await response.text()).get('Project') ?? [];
  } finally {
    await running.close();
  }
}

describe('adding @export to a stored field of a @subject type', () => {
  it('starts from a field that is stored but not exported', async () => {
    const project = subjectTypesOf(parse(tenancySource.sdl)).find((t) => t.name === 'Project')!;
    expect(project.exported.has('organizationId')).toBe(false);
    expect(editedSdl).not.toBe(tenancySource.sdl);
    expect(await exportedProjects(parse(tenancySource.sdl))).toEqual([{ id: projectId, name: 'Directive' }]);
  });

  it('composes, and the data map labels the field for the manifest', () => {
    const specSdl = readFileSync(new URL(`../${LIFECYCLE_SPEC_FILE}`, import.meta.url), 'utf8');
    const sources = readSubgraphs(rootDir);
    const before = new Set(composeSubgraphs(sources, specSdl, subgraphStorage).errors);
    const edited = sources.map((s) => (s.name === 'tenancy' ? { ...s, sdl: editedSdl } : s));
    const outcome = composeSubgraphs(edited, specSdl, subgraphStorage);
    // No error of its own (the checkout itself composes without any: see compose.test.ts).
    expect(outcome.errors.filter((error) => !before.has(error))).toEqual([]);
    const project = buildDataMap(outcome.supergraphSdl!).find((type) => type.name === 'Project');
    expect(project?.fields.find((field) => field.name === 'organizationId')?.exportLabel).toBe(LABEL);
  });

  it("puts the field's value in the subgraph's export records", async () => {
    expect(await exportedProjects(parse(editedSdl))).toEqual([
      { id: projectId, name: 'Directive', organizationId },
    ]);
  });
});
