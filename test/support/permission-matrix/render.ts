import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { ROLES, OPERATIONS, keyScopeOf } from './expectations.ts';
import { publicOperations } from './operations.ts';

// docs/PERMISSIONS.md, rendered from the expectations table. Regenerate with
// `UPDATE_PERMISSIONS=1 npm test -- test/permission-matrix`; a test fails when it is stale.

export const PERMISSIONS_DOC = new URL('../../../docs/PERMISSIONS.md', import.meta.url);

/** The document as prettier lays it out, so that `npm run lint` accepts the committed file. */
export async function renderPermissions(): Promise<string> {
  const path = fileURLToPath(PERMISSIONS_DOC);
  const options = (await resolveConfig(path)) ?? {};
  return format(renderMarkdown(), { ...options, filepath: path });
}

function renderMarkdown(): string {
  const kinds = new Map(publicOperations().map((o) => [o.name, o.kind]));
  const lines = [
    '# Permissions',
    '',
    '<!-- Generated from test/support/permission-matrix/expectations.ts: do not edit by hand. -->',
    '',
    'Every public query and mutation of the supergraph, asked by each kind of caller, and what it gets.',
    'The permission matrix test (`test/permission-matrix.test.ts`) runs every cell against the real',
    'stack, checks that a denial changes no row and records a denial audit event, and fails when an',
    'operation of the schema has no row here.',
    '',
    'Callers, all about organization A and its project P:',
    '',
    '- **anonymous**: no token;',
    '- **participant**: a MEMBER of A, PARTICIPANT of P; **editor**: a MEMBER of A, EDITOR of P;',
    '- **admin**: an ADMIN of A; **otherAdmin**: the ADMIN of another organization B, asking about A;',
    "- **keyWith**: an API key of A holding the row's scope (every scope when the row names none);",
    "- **keyWithout**: an API key of A holding another scope (`audit:read`, or `projects:read` for audit's rows).",
    '',
    'Answers: ALLOWED (data), NULL (the field answers null), EMPTY (an empty list or 0), otherwise the',
    "error's `extensions.code`. Another tenant's object is NOT_FOUND or null, never FORBIDDEN.",
    '',
    `| operation | scope | ${ROLES.join(' | ')} |`,
    `|---|---|${ROLES.map(() => '---').join('|')}|`,
  ];
  const notes: string[] = [];
  for (const [name, row] of Object.entries(OPERATIONS)) {
    const kind = kinds.get(name) ?? 'missing from the schema';
    const scope = row.scope ? `\`${row.scope}\`` : `(${keyScopeOf(row, 'keyWith')})`;
    lines.push(`| ${kind} \`${name}\` | ${scope} | ${ROLES.map((r) => row.expect[r]).join(' | ')} |`);
    if (row.note) notes.push(`- \`${name}\`: ${row.note}.`);
    if (row.denialNotAudited) notes.push(`- \`${name}\`: no denial event yet: ${row.denialNotAudited}.`);
  }
  lines.push('', '## Cross-tenant answers', '');
  lines.push(
    "Every ID argument of every operation, replayed by A's admin with B's id, answers NOT_FOUND unless",
    "listed here, and changes none of B's rows (`test/isolation-cross-tenant.test.ts`).",
    '',
  );
  for (const [name, row] of Object.entries(OPERATIONS)) {
    for (const [path, answer] of Object.entries(row.crossTenant?.answers ?? {}))
      lines.push(`- \`${name}(${path})\`: ${answer}`);
  }
  if (notes.length) lines.push('', '## Notes', '', ...notes);
  return `${lines.join('\n')}\n`;
}
