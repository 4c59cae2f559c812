import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { shield, type IRules } from './shield.ts';

// graphql-shield's field middleware is an async function that awaits the rule, then the resolver:
// every field of a 1,000-project list becomes several promises, even `id`. This builds the same
// middleware map from the same rule tree, validated by shield, but evaluates a plain `rule(...)`
// (and allow, deny) through shield's own `executeRule` and its per-request cache, and resolves the
// field synchronously when the rule's answer is already known. Rules that answer with a promise
// still work (the field then waits for them); logic rules (and, or, chain, race, not), input rules
// and 'strict'-cached rules keep shield's own middleware.

/** The options the runtime gives shield: deny by default, with a coded error. */
export interface PermissionOptions {
  fallbackRule: unknown;
  fallbackError: Error;
  allowExternalErrors: true;
}

type Middleware = (
  resolve: GraphQLFieldResolver<unknown, ShieldContext>,
  parent: unknown,
  args: Record<string, unknown>,
  ctx: ShieldContext,
  info: Parameters<GraphQLFieldResolver<unknown, unknown>>[3],
) => unknown;

interface ShieldContext {
  _shield?: { cache: Record<string, unknown> };
}

/** The shape of shield's `Rule` class that its own middleware relies on. */
interface PlainRule {
  cache: unknown;
  fragment?: string;
  executeRule(parent: unknown, args: unknown, ctx: unknown, info: unknown, options: object): unknown;
}

// shield tells rules apart by constructor name too (its utils.isRule), as copies may be loaded twice.
const kindOf = (rule: unknown) => (rule as { constructor?: { name?: string } })?.constructor?.name;
const isRuleFunction = (x: unknown) =>
  [
    'Rule',
    'InputRule',
    'RuleOr',
    'RuleAnd',
    'RuleChain',
    'RuleRace',
    'RuleNot',
    'RuleTrue',
    'RuleFalse',
  ].includes(kindOf(x) ?? '');

/** The rule shield applies to a field: the type's rule, else the field's, else '*', else the fallback. */
function ruleOf(rules: IRules, typeName: string, fieldName: string, fallbackRule: unknown): unknown {
  if (isRuleFunction(rules)) return rules;
  const typeRules = (rules as Record<string, unknown>)[typeName];
  if (isRuleFunction(typeRules)) return typeRules;
  const fieldRules = (typeRules ?? {}) as Record<string, unknown>;
  return fieldRules[fieldName] ?? fieldRules['*'] ?? fallbackRule;
}

// Only a 'strict' cache reads shield's options (its hash function), and those keep shield's middleware.
const NO_OPTIONS = {};

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** shield's Rule#resolve and middleware, in order: true resolves, an Error or a string is the answer. */
function settle(verdict: unknown, fallbackError: Error): true | Error {
  if (verdict === true) return true;
  if (verdict instanceof Error) return verdict;
  if (typeof verdict === 'string') return new Error(verdict);
  return fallbackError;
}

function synchronousMiddleware(rule: unknown, fallbackError: Error): Middleware | null {
  const kind = kindOf(rule);
  if (kind === 'RuleTrue') return (resolve, parent, args, ctx, info) => resolve(parent, args, ctx, info);
  if (kind === 'RuleFalse') return () => fallbackError;
  // 'strict' needs shield's hash function, which only its own middleware is given.
  // A fragment is for shield's own middleware to announce.
  if (kind !== 'Rule' || (rule as PlainRule).cache === 'strict' || (rule as PlainRule).fragment) return null;
  const plain = rule as PlainRule;
  return (resolve, parent, args, ctx, info) => {
    ctx._shield ??= { cache: {} };
    let verdict: unknown;
    try {
      verdict = plain.executeRule(parent, args, ctx, info, NO_OPTIONS);
    } catch {
      return fallbackError; // shield: a rule that throws denies
    }
    if (verdict === true) return resolve(parent, args, ctx, info);
    if (!isPromise(verdict)) return settle(verdict, fallbackError);
    return verdict.then(
      (answer) => {
        const outcome = settle(answer, fallbackError);
        return outcome === true ? resolve(parent, args, ctx, info) : outcome;
      },
      () => fallbackError,
    );
  };
}

/** The middleware map for graphql-middleware's applyMiddleware: one entry per field of every object type. */
export function permissionMiddleware(schema: GraphQLSchema, rules: IRules, options: PermissionOptions) {
  // shield validates the tree (unknown types or fields throw) and gives its own middleware per field.
  const generated = (
    shield(rules, options as never) as unknown as {
      generate(schema: GraphQLSchema): Record<string, Record<string, unknown>>;
    }
  ).generate(schema);
  const map: Record<string, Record<string, unknown>> = {};
  for (const [typeName, fields] of Object.entries(generated)) {
    map[typeName] = {};
    for (const [fieldName, shieldMiddleware] of Object.entries(fields)) {
      const rule = ruleOf(rules, typeName, fieldName, options.fallbackRule);
      map[typeName][fieldName] = synchronousMiddleware(rule, options.fallbackError) ?? shieldMiddleware;
    }
  }
  return map;
}
