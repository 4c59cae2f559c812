import { SUBGRAPHS, type SubgraphName } from './database.ts';

/**
 * Whom each subgraph calls with its own service key: the audit outbox relay (identity, tenancy,
 * lifecycle), identity's and audit's membership questions to tenancy, tenancy's contract with
 * lifecycle, and lifecycle's export and deletion jobs and retention sweeps (every subgraph,
 * itself included).
 */
export const SUBGRAPH_CALLS: Record<SubgraphName, readonly SubgraphName[]> = {
  identity: ['tenancy', 'audit'],
  tenancy: ['lifecycle', 'audit'],
  audit: ['tenancy'],
  lifecycle: ['identity', 'tenancy', 'audit', 'lifecycle'],
};

/** Whose signed statements a subgraph reads beyond its callers': tenancy's member attestations. */
export const ATTESTERS: Partial<Record<SubgraphName, readonly SubgraphName[]>> = { identity: ['tenancy'] };

/** The subgraphs whose service keys this one must trust: its callers, and those that vouch to it. */
export const callersOf = (subgraph: SubgraphName): SubgraphName[] =>
  SUBGRAPHS.filter(
    (caller) => SUBGRAPH_CALLS[caller].includes(subgraph) || ATTESTERS[subgraph]?.includes(caller),
  );

/** IDENTITY_URL, TENANCY_URL, …: where a subgraph is reached. */
export const urlVariableOf = (subgraph: SubgraphName) => `${subgraph.toUpperCase()}_URL`;

/** One thing a process needs and lacks: the variable, and what it is needed for. */
export interface Missing {
  variable: string;
  why: string;
}

/** Thrown at boot; the process stops with this message, which names every missing variable. */
export class ConfigurationError extends Error {
  constructor(processName: string, missing: Missing[]) {
    super(
      `Invalid configuration: ${processName} cannot start without\n${missing
        .map((m) => `  ${m.variable}: ${m.why}`)
        .join('\n')}`,
    );
    this.name = 'ConfigurationError';
  }
}

export function assertNothingMissing(processName: string, missing: Missing[]): void {
  if (missing.length) throw new ConfigurationError(processName, missing);
}

export interface ServiceKeyEnv {
  STEWARD_SERVICE_PRIVATE_KEY?: string;
  STEWARD_SERVICE_PUBLIC_KEYS: Record<string, string>;
  IDENTITY_URL?: string;
  TENANCY_URL?: string;
  AUDIT_URL?: string;
  LIFECYCLE_URL?: string;
}

/**
 * What a subgraph needs to speak to the others: its service key and the URL of each subgraph it
 * calls, and the public key of each subgraph that calls it. Without them the outbox relay, the
 * job worker or a membership check would be off, which no deployment wants.
 */
export function missingServiceKeys(subgraph: SubgraphName, env: ServiceKeyEnv): Missing[] {
  const missing: Missing[] = [];
  const calls = SUBGRAPH_CALLS[subgraph];
  if (!env.STEWARD_SERVICE_PRIVATE_KEY) {
    missing.push({
      variable: 'STEWARD_SERVICE_PRIVATE_KEY',
      why: `${subgraph}'s own key (PKCS8 PEM), for its calls to ${calls.join(', ')}`,
    });
  }
  const urls = env as unknown as Record<string, string | undefined>;
  for (const callee of calls) {
    if (!urls[urlVariableOf(callee)]) {
      missing.push({ variable: urlVariableOf(callee), why: `${subgraph} calls ${callee}` });
    }
  }
  for (const caller of callersOf(subgraph)) {
    if (!env.STEWARD_SERVICE_PUBLIC_KEYS[caller]) {
      missing.push({
        variable: `STEWARD_SERVICE_PUBLIC_KEYS.${caller}`,
        why: SUBGRAPH_CALLS[caller].includes(subgraph)
          ? `${caller}'s public key: ${caller} calls ${subgraph}`
          : `${caller}'s public key: ${caller} vouches to ${subgraph} (member attestations)`,
      });
    }
  }
  return missing;
}
