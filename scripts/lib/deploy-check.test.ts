import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { readManifests, schemaProblems, stewardProblems, type Manifest } from './deploy-check.ts';

const root = new URL('../../', import.meta.url);
const compose = readFileSync(new URL('docker-compose.yml', root), 'utf8');
const fresh = () => readManifests(new URL('deploy/kubernetes', root).pathname);
const deploymentOf = (manifests: Manifest[], name: string) =>
  manifests.find((m) => m.object.kind === 'Deployment' && m.object.metadata.name === name)!;
const containerOf = (manifest: Manifest) =>
  manifest.object.spec!.template!.spec.containers[0] as unknown as Record<string, unknown> & {
    env: { name: string; valueFrom?: { secretKeyRef?: { key: string } } }[];
  };

describe('npm run deploy:check', () => {
  it('passes the committed manifests', async () => {
    const manifests = fresh();
    expect((await Promise.all(manifests.map(schemaProblems))).flat()).toEqual([]);
    expect(stewardProblems(manifests, compose)).toEqual([]);
  });

  it('fails an object the Kubernetes schema refuses', async () => {
    const gateway = deploymentOf(fresh(), 'gateway');
    (gateway.object.spec as Record<string, unknown>).replicas = 'two';
    expect(await schemaProblems(gateway)).toEqual([expect.stringContaining('replicas must be integer')]);
  });

  it('fails a workload without a variable its compose service has, or reading a key npm run keys does not write', () => {
    const manifests = fresh();
    const identity = containerOf(deploymentOf(manifests, 'identity'));
    identity.env = identity.env.filter((v) => v.name !== 'SMTP_URL');
    identity.env.find((v) => v.name === 'STEWARD_MAIL_FROM')!.valueFrom!.secretKeyRef!.key = 'MAIL_FROM';
    expect(stewardProblems(manifests, compose)).toEqual([
      'identity.yaml: identity lacks SMTP_URL (compose sets it)',
      'identity.yaml: STEWARD_MAIL_FROM reads MAIL_FROM, which npm run keys does not write',
    ]);
  });

  it('fails a readiness probe that is not /readyz', () => {
    const manifests = fresh();
    containerOf(deploymentOf(manifests, 'audit')).readinessProbe = {
      httpGet: { path: '/healthz', port: 'http' },
    };
    expect(stewardProblems(manifests, compose)).toEqual([
      "audit.yaml: audit's readiness probe is not /readyz",
    ]);
  });
});
