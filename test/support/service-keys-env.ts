import type { SubgraphName } from '../../platform/database.ts';
import { testEnvironment } from './test-env.ts';

/**
 * What a subgraph process needs at boot to speak to the others (its boot check refuses to start
 * without it): its service key, every service's public key and the subgraphs' URLs.
 */
export function serviceKeysEnv(name: SubgraphName, urls: Record<string, string>): Record<string, string> {
  const env = testEnvironment();
  return {
    STEWARD_SERVICE_PRIVATE_KEY: env.services[name]!.privateKeyPem,
    STEWARD_SERVICE_PUBLIC_KEYS: JSON.stringify(
      Object.fromEntries(Object.entries(env.services).map(([service, pair]) => [service, pair.publicKeyPem])),
    ),
    IDENTITY_URL: urls.identity!,
    TENANCY_URL: urls.tenancy!,
    AUDIT_URL: urls.audit!,
    LIFECYCLE_URL: urls.lifecycle!,
  };
}
