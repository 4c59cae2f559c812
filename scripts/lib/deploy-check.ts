import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { generateProductionEnv } from './production-env.ts';

/** One Kubernetes object of deploy/kubernetes, with the file it came from. */
export interface Manifest {
  file: string;
  object: {
    apiVersion: string;
    kind: string;
    metadata: { name: string };
    spec?: { template?: { spec: PodSpec } };
  };
}

interface Container {
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
}
interface PodSpec {
  containers: Container[];
}

export const SECRET_NAME = 'steward-secrets';

export function readManifests(dir: string): Manifest[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => ({
        file,
        object: doc.toJS() as Manifest['object'],
      })),
    );
}

/**
 * Validates an object against the Kubernetes OpenAPI schema of its kind, as bundled by the
 * kubernetes-models package (JSON schemas compiled with ajv): types, required fields, formats.
 */
export async function schemaProblems(manifest: Manifest): Promise<string[]> {
  const { apiVersion, kind } = manifest.object;
  let Model: new (data: unknown) => { validate(): void };
  try {
    const module = (await import(`kubernetes-models/${apiVersion}/${kind}`)) as Record<string, typeof Model>;
    Model = module[kind] ?? module.default!;
  } catch {
    return [`${manifest.file}: no Kubernetes schema for ${apiVersion} ${kind}`];
  }
  try {
    new Model(manifest.object).validate();
    return [];
  } catch (error) {
    return [`${manifest.file}: ${kind} ${manifest.object.metadata?.name}: ${(error as Error).message}`];
  }
}

interface ComposeService {
  command?: string[];
  environment?: Record<string, unknown>;
}

/**
 * What Steward asks of its manifests beyond the schemas: a workload per docker-compose.yml
 * service (postgres aside) running the same command with the same variable names, secrets from
 * the one Secret under the names `npm run keys` writes, and probes on /healthz and /readyz.
 */
export function stewardProblems(manifests: Manifest[], composeText: string): string[] {
  const services = (parse(composeText, { merge: true }) as { services: Record<string, ComposeService> })
    .services;
  const secretKeys = new Set(generateProductionEnv().map((entry) => entry.name));
  const problems: string[] = [];
  const workloads = new Map<string, { file: string; container: Container; kind: string }>();
  for (const { file, object } of manifests) {
    const container = object.spec?.template?.spec.containers[0];
    if (container && (object.kind === 'Deployment' || object.kind === 'Job')) {
      const name =
        object.kind === 'Job' ? object.metadata.name.replace(/^steward-/, '') : object.metadata.name;
      workloads.set(name, { file, container, kind: object.kind });
    }
  }
  for (const [name, service] of Object.entries(services)) {
    if (name === 'postgres') continue;
    const workload = workloads.get(name);
    if (!workload) {
      problems.push(`no workload for the compose service ${name}`);
      continue;
    }
    const { file, container, kind } = workload;
    if (JSON.stringify(container.command) !== JSON.stringify(service.command)) {
      problems.push(`${file}: ${name} runs ${String(container.command)}, compose ${String(service.command)}`);
    }
    const env = container.env ?? [];
    // A secret read only to build another value, $(LIKE_THIS), is not one of the service's variables.
    const expanded = new Set(
      env.flatMap((v) => [...(v.value ?? '').matchAll(/\$\(([A-Z0-9_]+)\)/g)].map((m) => m[1])),
    );
    const names = new Set(env.map((v) => v.name).filter((n) => !expanded.has(n)));
    const expected = new Set(Object.keys(service.environment ?? {}));
    for (const n of expected)
      if (!names.has(n)) problems.push(`${file}: ${name} lacks ${n} (compose sets it)`);
    for (const n of names)
      if (!expected.has(n)) problems.push(`${file}: ${name} sets ${n}, compose does not`);
    for (const variable of env) {
      const ref = variable.valueFrom?.secretKeyRef;
      if (!ref) continue;
      if (ref.name !== SECRET_NAME) problems.push(`${file}: ${variable.name} reads Secret ${ref.name}`);
      if (!secretKeys.has(ref.key))
        problems.push(`${file}: ${variable.name} reads ${ref.key}, which npm run keys does not write`);
    }
    if (kind === 'Deployment') {
      if (container.livenessProbe?.httpGet?.path !== '/healthz')
        problems.push(`${file}: ${name}'s liveness probe is not /healthz`);
      if (container.readinessProbe?.httpGet?.path !== '/readyz')
        problems.push(`${file}: ${name}'s readiness probe is not /readyz`);
    }
  }
  return problems;
}
