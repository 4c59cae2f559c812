import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDownloadLinkSigner } from '../subgraphs/lifecycle/src/export/download-link.ts';
import { PUBLIC_DOWNLOAD_PATH } from '../contracts/data-export-download.ts';
import { readTar, type ExportManifest } from '../subgraphs/lifecycle/src/module.ts';
import { moduleNamed, startSubgraphAgain, stopSubgraph, waitFor } from './support/audit-helpers.ts';
import { createIsolatedDatabase, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

// The public download route: the gateway forwards a signed link to lifecycle with its own
// internal token, so a client needs the link and nothing else.

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
      id
      status
      downloadUrl
      sizeBytes
      sha256
    }
  }
`;

interface ExportView {
  id: string;
  status: string;
  downloadUrl: string | null;
  sizeBytes: number | null;
  sha256: string | null;
}

// A known link secret, so that the test can sign a genuine link that has expired.
const linkSecret = randomBytes(32).toString('hex');
const previousSecret = process.env.STEWARD_LIFECYCLE_SECRET;
const blobDir = process.env.STEWARD_BLOB_DIR ?? join(tmpdir(), 'steward-blobs');
let stack: TestStack;
let completed: ExportView;
let databaseUrl: string;

/** The link as a client resolves it: against the gateway's origin. */
const gatewayUrl = (link: string) => new URL(link, stack.url);

const codeOf = async (response: Response) =>
  ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;

beforeAll(async () => {
  process.env.STEWARD_LIFECYCLE_SECRET = linkSecret;
  // A database of its own: its export jobs run on its own stack's worker only.
  databaseUrl = await createIsolatedDatabase();
  stack = await startTestStack({ databaseUrl });
  const admin = await stack.signIn(uniqueEmail('download-admin'));
  const created = await stack.graphql<{ createOrganization: { id: string } }>(
    /* GraphQL */ `
      mutation CreateOrganization($name: String!) {
        createOrganization(name: $name) {
          id
        }
      }
    `,
    { name: 'Downloaded Ltd' },
    admin.token,
  );
  const organizationId = created.data!.createOrganization.id;
  const requested = await stack.graphql<{ requestDataExport: { id: string } }>(
    REQUEST_EXPORT,
    { subject: { organizationId } },
    admin.token,
  );
  expect(requested.errors).toBeUndefined();
  const id = requested.data!.requestDataExport.id;
  completed = await waitFor(async () => {
    const view = (await stack.graphql<{ dataExport: ExportView }>(DATA_EXPORT, { id }, admin.token)).data!
      .dataExport;
    if (view.status === 'FAILED') throw new Error(`export ${id} failed`);
    return view.status === 'COMPLETED' ? view : undefined;
  }, `export ${id}`);
});
afterAll(async () => {
  await stack?.close();
  if (completed) rmSync(join(blobDir, 'exports', `${completed.id}.tar`), { force: true });
  if (previousSecret === undefined) delete process.env.STEWARD_LIFECYCLE_SECRET;
  else process.env.STEWARD_LIFECYCLE_SECRET = previousSecret;
});

describe(`GET ${PUBLIC_DOWNLOAD_PATH} through the gateway`, () => {
  it('streams the archive without any credentials, matching the size and SHA-256 the graph reports', async () => {
    const link = gatewayUrl(completed.downloadUrl!);
    expect(link.pathname).toBe(PUBLIC_DOWNLOAD_PATH);
    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'application/x-tar',
      'content-length': String(completed.sizeBytes),
      'content-disposition': `attachment; filename="steward-export-${completed.id}.tar"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-request-id': expect.any(String),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(completed.sizeBytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(completed.sha256);
    const manifest = JSON.parse(readTar(bytes).get('manifest.json')!.toString('utf8')) as ExportManifest;
    expect(manifest.parts.map((part) => part.type)).toContain('Organization');
  });

  it('answers HEAD with the headers only', async () => {
    const response = await fetch(gatewayUrl(completed.downloadUrl!), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(completed.sizeBytes));
    expect(response.headers.get('content-type')).toBe('application/x-tar');
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it('refuses a forged, expired or incomplete link with 403 FORBIDDEN', async () => {
    const link = completed.downloadUrl!;
    const forged = link.replace(/signature=[^&]+/, `signature=${randomBytes(32).toString('base64url')}`);
    // Signed with the right secret, but fifteen minutes are long gone.
    const expired = createDownloadLinkSigner(linkSecret, 900).sign(
      completed.id,
      new Date(Date.now() - 60 * 60 * 1000),
    );
    const withoutExport = link.replace(/export=[^&]+&?/, '');
    for (const candidate of [forged, expired, withoutExport]) {
      const response = await fetch(gatewayUrl(candidate));
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await codeOf(response)).toBe('FORBIDDEN');
    }
  });

  it("keeps lifecycle's NOT_FOUND for a genuine link to an archive that is gone", async () => {
    const response = await fetch(gatewayUrl(createDownloadLinkSigner(linkSecret, 900).sign(randomUUID())));
    expect(response.status).toBe(404);
    expect(await codeOf(response)).toBe('NOT_FOUND');
  });

  it('refuses any method but GET and HEAD with 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await fetch(gatewayUrl(completed.downloadUrl!), { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(await codeOf(response)).toBe('BAD_REQUEST');
    }
  });

  it('answers a coded 502 while lifecycle is down, and serves again once it is back', async () => {
    const port = await stopSubgraph(stack, 'lifecycle');
    try {
      const response = await fetch(gatewayUrl(completed.downloadUrl!));
      expect(response.status).toBe(502);
      expect(await codeOf(response)).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await startSubgraphAgain(stack, 'lifecycle', port, moduleNamed('lifecycle'), databaseUrl);
    }
    expect((await fetch(gatewayUrl(completed.downloadUrl!))).status).toBe(200);
  });
});
