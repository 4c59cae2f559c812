import { createRequire } from 'node:module';
import util from 'node:util';
import type { GraphQLSchema } from 'graphql';
import type * as GraphQLShield from 'graphql-shield';
import type * as GraphQLMiddleware from 'graphql-middleware';

// graphql-shield 7.6.5 (unmaintained) calls util.isUndefined, removed in Node 23. Its ESM build
// cannot be patched before it loads, so we load its CommonJS build once, here, after restoring it.
const legacyUtil = util as unknown as { isUndefined?: (v: unknown) => boolean };
legacyUtil.isUndefined ??= (value: unknown) => value === undefined;

const require = createRequire(import.meta.url);
// Both from CommonJS, so shield's middleware and applyMiddleware share one graphql-middleware copy.
const shieldModule = require('graphql-shield') as typeof GraphQLShield;
const middlewareModule = require('graphql-middleware') as typeof GraphQLMiddleware;

export const { shield, rule, allow, deny, and, or, not, chain, race, inputRule } = shieldModule;
export type IRules = GraphQLShield.IRules;

export function applyMiddleware(schema: GraphQLSchema, ...middleware: unknown[]): GraphQLSchema {
  return middlewareModule.applyMiddleware(schema, ...(middleware as never[]));
}
