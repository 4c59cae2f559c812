import {
  defaultFieldResolver,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';

// Bad input is refused before anything runs: every String and ID argument of every public field
// (inside lists and input objects too) is checked before the field's permission rule and its
// resolver, so a NUL byte or a malformed id never reaches PostgreSQL as a driver error. Fields
// marked @inaccessible are Steward's own internal calls, validated where their values are made.

/** The longest value of a one-line String argument (a name, an email, a token, a URL). */
export const LINE_LIMIT = 4096;
/** The longest value of a free-text argument (a reason, a certificate document). */
export const TEXT_LIMIT = 65_536;

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
const LINE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** The same, but for tab, line feed and carriage return, which free text may hold. */
const TEXT_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Which arguments are not one-line strings or Steward ids; coordinates as `Type.field(arg:)` or `Input.field`. */
export interface ArgumentRules {
  /** ID arguments holding something else than a Steward id (an audit target may be an operation name). */
  notIds?: string[];
  /** String arguments that are free text: tabs and line breaks allowed, up to TEXT_LIMIT. */
  text?: string[];
}

type Check = (value: unknown, path: string) => void;

const stringCheck =
  (controls: RegExp, limit: number): Check =>
  (value, path) => {
    if (typeof value !== 'string') return;
    if (value.length > limit) throw badInput(`At most ${limit} characters`, path);
    if (controls.test(value)) throw badInput('Must not contain control characters', path);
    // A lone surrogate would reach PostgreSQL as U+FFFD: refused rather than silently altered.
    if (!value.isWellFormed()) throw badInput('Not well-formed Unicode', path);
  };

const checkLine = stringCheck(LINE_CONTROLS, LINE_LIMIT);
const checkText = stringCheck(TEXT_CONTROLS, TEXT_LIMIT);
const checkId: Check = (value, path) => {
  if (value != null && !isId(value)) throw badInput('Not an id', path);
};

const isInaccessible = (node: { directives?: readonly { name: { value: string } }[] } | null | undefined) =>
  Boolean(node?.directives?.some((d) => d.name.value === 'inaccessible'));

/**
 * Wraps the resolver of every public field that has String or ID arguments with their checks
 * (BAD_USER_INPUT naming the argument's path, e.g. `subject.userId`), in place. Throws at boot
 * when a rule names a coordinate the schema does not have.
 */
export function guardArguments(schema: GraphQLSchema, rules: ArgumentRules = {}): GraphQLSchema {
  const notIds = new Set(rules.notIds);
  const text = new Set(rules.text);
  const used = new Set<string>();
  const inputChecks = new Map<string, Check | null>();

  const compile = (type: GraphQLInputType, coordinate: string): Check | null => {
    if (isNonNullType(type)) return compile(type.ofType, coordinate);
    if (isListType(type)) {
      const item = compile(type.ofType, coordinate);
      if (!item) return null;
      return (value, path) => {
        if (Array.isArray(value)) value.forEach((v, i) => item(v, `${path}.${i}`));
      };
    }
    if (isScalarType(type)) {
      if (type.name === 'ID') {
        if (!notIds.has(coordinate)) return checkId;
        used.add(coordinate);
        return checkLine;
      }
      if (type.name !== 'String') return null;
      if (!text.has(coordinate)) return checkLine;
      used.add(coordinate);
      return checkText;
    }
    if (!isInputObjectType(type)) return null;
    if (inputChecks.has(type.name)) return inputChecks.get(type.name)!;
    // A recursive input type finds its own check while it is being compiled.
    let fieldChecks: [string, Check][] = [];
    const check: Check = (value, path) => {
      if (value == null || typeof value !== 'object') return;
      for (const [name, fieldCheck] of fieldChecks)
        fieldCheck((value as Record<string, unknown>)[name], `${path}.${name}`);
    };
    inputChecks.set(type.name, check);
    fieldChecks = Object.values(type.getFields()).flatMap((field) => {
      const fieldCheck = compile(field.type, `${type.name}.${field.name}`);
      return fieldCheck ? [[field.name, fieldCheck] as [string, Check]] : [];
    });
    if (!fieldChecks.length) inputChecks.set(type.name, null);
    return fieldChecks.length ? check : null;
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || isInaccessible(type.astNode)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length || isInaccessible(field.astNode)) continue;
      const checks = field.args.flatMap((arg) => {
        const check = compile(arg.type, `${type.name}.${field.name}(${arg.name}:)`);
        return check ? [[arg.name, check] as const] : [];
      });
      if (!checks.length) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args: Record<string, unknown>, ctx, info) => {
        for (const [name, check] of checks) check(args[name], name);
        return resolve(parent, args, ctx, info);
      };
    }
  }

  const unknown = [...notIds, ...text].filter((coordinate) => !used.has(coordinate));
  if (unknown.length) throw new Error(`Argument rules name no argument of the schema: ${unknown.join(', ')}`);
  return schema;
}
