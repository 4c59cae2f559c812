import type { Logger } from 'pino';
import { createGateway, type RunningGateway } from '../../gateway/src/server.ts';
import { provisionDatabase } from '../../subgraphs/kit/database.ts';
import {
  createInternalTokenSigner,
  privateKeyFromPem,
  trustedIssuersOf,
  type StewardKeys,
} from '../../subgraphs/kit/internal-token.ts';
import { migrateSubgraph, startSubgraph, type DatabaseAccess } from '../../subgraphs/kit/subgraph-module.ts';
import type { RunningSubgraph } from '../../subgraphs/kit/subgraph-server.ts';
import { subgraphModules } from './subgraph-modules.ts';

export type InternalKeys = StewardKeys;

export interface StackOptions extends DatabaseAccess {
  keys: InternalKeys;
  logger: Logger;
  production: boolean;
  supergraphSdl: string;
  host?: string;
  /** 0 (the default) picks free ports. */
  gatewayPort?: number;
  subgraphPorts?: Partial<Record<string, number>>;
}

export interface RunningStack {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
  close(): Promise<void>;
}

/** Creates roles and schemas, then applies every subgraph's migrations as its owner. */
export async function migrateAll(
  access: DatabaseAccess,
  supergraphSdl: string,
): Promise<Record<string, string[]>> {
  await provisionDatabase(access.databaseUrl, access.dbSecret);
  const applied: Record<string, string[]> = {};
  for (const module of subgraphModules({ production: false, supergraphSdl })) {
    applied[module.name] = await migrateSubgraph(module, access);
  }
  return applied;
}

/** Starts the four subgraphs and the gateway in this process. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const trusted = trustedIssuersOf(options.keys);
  const subgraphs: Record<string, RunningSubgraph> = {};
  // Filled as subgraphs start; service calls look a URL up when they are made.
  const subgraphUrls = (name: string) => subgraphs[name]?.url;
  try {
    for (const module of subgraphModules(options)) {
      const serviceKey = options.keys.services[module.name];
      subgraphs[module.name] = await startSubgraph(module, {
        ...options,
        trusted,
        servicePrivateKey: serviceKey ? privateKeyFromPem(serviceKey.privateKeyPem) : undefined,
        subgraphUrls,
        port: options.subgraphPorts?.[module.name] ?? 0,
      });
    }
    const gateway = await createGateway({
      supergraphSdl: options.supergraphSdl,
      subgraphUrls: Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.url])),
      signer: createInternalTokenSigner(privateKeyFromPem(options.keys.privateKeyPem)),
      logger: options.logger.child({ service: 'gateway' }),
      production: options.production,
    }).listen(options.gatewayPort ?? 0, options.host);
    return {
      gateway,
      subgraphs,
      close: async () => {
        await gateway.close();
        await Promise.all(Object.values(subgraphs).map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((s) => s.close()));
    throw error;
  }
}
