import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, type DocumentNode } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  checkLifecycleDefinitions,
  checkLifecycleSurvives,
  checkSubjectFields,
  isLifecycleHint,
  type SubgraphSdl,
} from './compose-lifecycle.ts';
import { checkSubgraphStorage, type SubgraphStorage } from './compose-coverage.ts';
import { subgraphStorage } from './subgraph-storage.ts';

export const SUPERGRAPH_CONFIG = 'rover.yaml';
export const SUPERGRAPH_FILE = 'schema/supergraph.graphql';
export const LIFECYCLE_SPEC_FILE = 'schema/lifecycle-spec.graphql';

/** The part of Rover's supergraph config we use: local schema files and routing URLs. */
const SupergraphConfig = z.object({
  federation_version: z.string().optional(),
  subgraphs: z.record(
    z.string(),
    z.object({ routing_url: z.url(), schema: z.object({ file: z.string().min(1) }) }),
  ),
});

export interface SubgraphSource extends SubgraphSdl {
  url: string;
  file: string;
}

export interface CompositionOutcome {
  /** The subgraphs composed, in rover.yaml's order. */
  subgraphs: string[];
  /** Null when composition itself failed. */
  supergraphSdl: string | null;
  /** Composition errors and broken lifecycle rules; any one fails the build. */
  errors: string[];
  /** Composition hints that do not concern the lifecycle contract: printed, not fatal. */
  hints: string[];
}

/** Reads rover.yaml and the schema files it names, relative to the repository root. */
export function readSubgraphs(rootDir: string): SubgraphSource[] {
  const raw: unknown = parseYaml(readFileSync(resolve(rootDir, SUPERGRAPH_CONFIG), 'utf8'));
  const parsed = SupergraphConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`${SUPERGRAPH_CONFIG} is not a valid supergraph config:\n${problems.join('\n')}`);
  }
  return Object.entries(parsed.data.subgraphs).map(([name, subgraph]) => ({
    name,
    url: subgraph.routing_url,
    file: subgraph.schema.file,
    sdl: readFileSync(resolve(rootDir, subgraph.schema.file), 'utf8'),
  }));
}

/** Composes the supergraph of rover.yaml and checks the lifecycle rules on it and on the storage. */
export function composeSupergraph(rootDir: string): CompositionOutcome {
  const specSdl = readFileSync(resolve(rootDir, LIFECYCLE_SPEC_FILE), 'utf8');
  return composeSubgraphs(readSubgraphs(rootDir), specSdl, subgraphStorage);
}

/** `storage`, when given, must cover every subgraph (see compose-coverage.ts). */
export function composeSubgraphs(
  subgraphs: SubgraphSource[],
  specSdl: string,
  storage?: Readonly<Record<string, SubgraphStorage>>,
): CompositionOutcome {
  const documents: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  const errors: string[] = [];
  for (const subgraph of subgraphs) {
    try {
      documents.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) });
    } catch (error) {
      errors.push(`${subgraph.name} (${subgraph.file}): ${(error as Error).message}`);
    }
  }
  const names = subgraphs.map((s) => s.name);
  if (errors.length) return { subgraphs: names, supergraphSdl: null, errors, hints: [] };

  errors.push(...checkLifecycleDefinitions(subgraphs, specSdl));
  if (storage) errors.push(...checkSubgraphStorage(documents, storage));
  const result = composeServices(documents);
  if (result.errors) {
    const composition = result.errors.map((e) => e.message);
    return { subgraphs: names, supergraphSdl: null, errors: [...errors, ...composition], hints: [] };
  }
  const hints: string[] = [];
  for (const hint of result.hints) {
    const text = `${hint.definition.code}: ${hint.message}`;
    if (isLifecycleHint(hint.message)) errors.push(`lifecycle directive hint, fatal here: ${text}`);
    else hints.push(text);
  }
  const supergraph = parse(result.supergraphSdl);
  errors.push(...checkLifecycleSurvives(subgraphs, supergraph, specSdl), ...checkSubjectFields(supergraph));
  return { subgraphs: names, supergraphSdl: result.supergraphSdl, errors, hints };
}
