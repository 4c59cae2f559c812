import { readFileSync } from 'node:fs';
import type { SubgraphModule } from '../../subgraphs/runtime/subgraph-module.ts';
import { createIdentityModule } from '../../subgraphs/identity/src/module.ts';
import { IdentityEnv, identityOptionsFromEnv } from '../../subgraphs/identity/src/config.ts';
import type { IdentityOptions } from '../../subgraphs/identity/src/options.ts';
import { loadConfig } from '../../platform/config.ts';
import { createTenancyModule } from '../../subgraphs/tenancy/src/module.ts';
import { TenancyEnv, tenancyOptionsFromEnv } from '../../subgraphs/tenancy/src/config.ts';
import type { TenancyOptions } from '../../subgraphs/tenancy/src/options.ts';
import { createAuditModule, type AuditOptions } from '../../subgraphs/audit/src/module.ts';
import { AuditEnv, auditOptionsFromEnv } from '../../subgraphs/audit/src/config.ts';
import { createLifecycleModule, type LifecycleModuleOptions } from '../../subgraphs/lifecycle/src/module.ts';
import { LifecycleEnv, lifecycleOptionsFromEnv } from '../../subgraphs/lifecycle/src/config.ts';

export const supergraphPath = new URL('../../schema/supergraph.graphql', import.meta.url);
export const readSupergraph = (path: string | URL = supergraphPath) => readFileSync(path, 'utf8');

export interface ModuleOptions {
  production: boolean;
  supergraphSdl: string;
  /** Overrides of the identity options read from the environment (tests: clock, mailbox, OIDC). */
  identity?: Partial<IdentityOptions>;
  /** Overrides of the tenancy options read from the environment (tests: clock, mailbox). */
  tenancy?: Partial<TenancyOptions>;
  /** Audit overrides (the checkpoint signing key of npm start and the tests). */
  audit?: Partial<AuditOptions>;
  /** Lifecycle overrides (the certificate key of npm start and the tests, grace period, job lease). */
  lifecycle?: Partial<LifecycleModuleOptions>;
  /** The variables the options are read from; migrations pass none (they need no runtime configuration). */
  env?: NodeJS.ProcessEnv;
}

/** The four subgraphs, in the order they start. */
export function subgraphModules(options: ModuleOptions): SubgraphModule[] {
  const env = options.env ?? process.env;
  return [
    createIdentityModule({
      ...identityOptionsFromEnv(loadConfig(IdentityEnv, env)),
      allowDevSignIn: !options.production,
      ...options.identity,
    }),
    createTenancyModule({ ...tenancyOptionsFromEnv(loadConfig(TenancyEnv, env)), ...options.tenancy }),
    createAuditModule({ ...auditOptionsFromEnv(loadConfig(AuditEnv, env)), ...options.audit }),
    createLifecycleModule({
      ...lifecycleOptionsFromEnv(loadConfig(LifecycleEnv, env)),
      supergraphSdl: options.supergraphSdl,
      ...options.lifecycle,
    }),
  ] as SubgraphModule[];
}
