import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { readTar, type ExportManifest } from '../subgraphs/lifecycle/src/module.ts';
import type { CertificateContent } from '../subgraphs/lifecycle/src/deletion/certificate.ts';
import { StewardRegions } from '../platform/regions.ts';
import { waitFor } from './support/audit-helpers.ts';
import { REQUEST_DELETION, type DeletionView, waitForDeletion } from './support/deletion-fixtures.ts';
import { ok } from './support/lifecycle-fixtures.ts';
import {
  adminClient,
  createIsolatedDatabase,
  startTestStack,
  uniqueEmail,
  type TestStack,
} from './support/stack.ts';

// A deployment declares the regions it serves (STEWARD_REGIONS); organizations are created in one
// of them, keep it for ever, and their exports and certificates state it.

const REGIONS = ['ca-central', 'eu'];
const CREATE = /* GraphQL */ `
  mutation Create($name: String!, $region: String) {
    createOrganization(name: $name, region: $region) {
      id
      region
    }
  }
`;
const REQUEST_EXPORT = /* GraphQL */ `
  mutation RequestExport($subject: SubjectInput!) {
    requestDataExport(subject: $subject) {
      id
    }
  }
`;
const DATA_EXPORT = /* GraphQL */ `
  query DataExport($id: ID!) {
    dataExport(id: $id) {
      status
      downloadUrl
    }
  }
`;

let stack: TestStack;
let db: pg.Client;
let token: string;
let userId: string;

beforeAll(async () => {
  // A database of its own: only this stack's lifecycle (with these regions) runs its jobs.
  const databaseUrl = await createIsolatedDatabase();
  stack = await startTestStack({
    databaseUrl,
    tenancy: { regions: REGIONS },
    lifecycle: { regions: REGIONS, deletionGracePeriod: 'PT0S', jobPollMs: 200 },
  });
  db = await adminClient(databaseUrl);
  const admin = await stack.signIn(uniqueEmail('regions'));
  token = admin.token;
  userId = admin.userId;
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const create = (name: string, region?: string) =>
  stack.graphql<{ createOrganization: { id: string; region: string } }>(CREATE, { name, region }, token);

async function manifestOf(subject: Record<string, string>): Promise<ExportManifest> {
  const { id } = ok(
    await stack.graphql<{ requestDataExport: { id: string } }>(REQUEST_EXPORT, { subject }, token),
  ).requestDataExport;
  const view = await waitFor(async () => {
    const current = ok(
      await stack.graphql<{ dataExport: { status: string; downloadUrl: string | null } }>(
        DATA_EXPORT,
        { id },
        token,
      ),
    ).dataExport;
    if (current.status === 'FAILED') throw new Error(`export ${id} failed`);
    return current.status === 'COMPLETED' ? current : undefined;
  }, `export ${id}`);
  const archive = Buffer.from(await (await fetch(new URL(view.downloadUrl!, stack.url))).arrayBuffer());
  return JSON.parse(readTar(archive).get('manifest.json')!.toString('utf8')) as ExportManifest;
}

describe('regions', () => {
  it('createOrganization refuses a region the deployment does not serve, naming the allowed ones; nothing is created', async () => {
    const refused = await create('Nowhere Inc', 'zz-nowhere');

    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'region',
      allowedRegions: REGIONS,
    });
    expect(refused.errors?.[0]?.message).toContain('ca-central, eu');
    const { rows } = await db.query(`select 1 from tenancy.organizations where name = 'Nowhere Inc'`);
    expect(rows).toHaveLength(0);
  });

  it('an organization gets the home region by default or a served one it names, and keeps it for ever', async () => {
    const home = ok(await create('Home Region Co')).createOrganization;
    const named = ok(await create('Named Region Co', ' EU ')).createOrganization;
    expect(home.region).toBe('ca-central');
    expect(named.region).toBe('eu');

    // No mutation changes a region, and the database refuses it whoever asks (here the superuser).
    await expect(
      db.query(`update tenancy.organizations set region = 'eu' where id = $1`, [home.id]),
    ).rejects.toThrow(/region never changes/);
    const read = await stack.graphql<{ organization: { region: string } }>(
      'query($id: ID!) { organization(id: $id) { region } }',
      { id: home.id },
      token,
    );
    expect(read.data?.organization.region).toBe('ca-central');
  });

  it('export manifests state the region where the data was held', async () => {
    const org = ok(await create('Exported Region Co', 'eu')).createOrganization;
    expect((await manifestOf({ organizationId: org.id })).regions).toEqual(['eu']);
    // A user's data: their account in the home region, their organizations' in theirs.
    expect((await manifestOf({ userId })).regions).toEqual(['ca-central', 'eu']);
  });

  it("the certificate of an organization's destruction states its region", async () => {
    const org = ok(await create('Deleted Region Co', 'eu')).createOrganization;
    const requested = ok(
      await stack.graphql<{ requestDeletion: DeletionView }>(
        REQUEST_DELETION,
        { subject: { organizationId: org.id }, reason: 'Contract over' },
        token,
      ),
    ).requestDeletion;
    const done = await waitForDeletion(stack, requested.id, token);
    const content = JSON.parse(done.certificate!.document) as CertificateContent;
    expect(content.subject).toEqual({ organizationId: org.id });
    expect(content.regions).toEqual(['eu']);
  });
});

describe('STEWARD_REGIONS', () => {
  it('defaults to the one region organizations had by default; takes region codes only', () => {
    expect(StewardRegions.parse(undefined)).toEqual(['eu']);
    expect(StewardRegions.parse('ca-central, EU')).toEqual(['ca-central', 'eu']);
    expect(StewardRegions.safeParse('ca-central,not a region').success).toBe(false);
  });
});
