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

/** The rule lifecycle decides in one place (subgraphs/lifecycle/src/subject-access.ts). */
const WHO_MAY_ACT_ON_A_PERSON = [
  '## Who may act on a person',
  '',
  "An organization's ADMINs act on that organization's data about its members; a person's account",
  'belongs to that person. For export and deletion (`SubjectInput`):',
  '',
  "- `{ organizationId }`: the organization's data, by its ADMINs;",
  "- `{ organizationId, userId }`: the organization's data about one of its members (their membership,",
  '  project roles and what else carries both ids), by its ADMINs; a deletion removes the member',
  '  from that organization and nothing else of theirs (account, sessions, other organizations);',
  "- `{ userId }`: the person's whole account, by that person only (anyone else: NOT_FOUND);",
  '- a deletion that would leave an organization without an ADMIN (the last ADMIN deleting their',
  '  account, or their membership) is CONFLICT with reason LAST_ADMIN, naming the organization;',
  "- exports and deletions are read with the caller's current role, at every read and every",
  '  download: an admin removed from the organization no longer reads them, and a download link',
  '  (it names its holder) stops working for them;',
  '- a person whose account is deleted reads the deletion and its certificate with its receipt',
  '  (`DeletionRequest.receipt`, shown to them only) through `deletionReceipt`, without signing in.',
];

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
    "- **keyWithout**: an API key of A holding another scope (`audit:read`, or `projects:read` for audit's rows);",
    "- **operator**: one of the SaaS operator's staff (`STEWARD_OPERATORS`), a member of no organization;",
    "  asked for the operator operations and some of the tenants' reads (elsewhere: `-`, a signed-in user like any).",
    '  Its session gave a second factor, given recently: without one every operator operation is FORBIDDEN',
    '  (`reason: SECOND_FACTOR_REQUIRED`), and a change with an older one FORBIDDEN (`reason: STEP_UP_REQUIRED`).',
    '',
    'Answers: ALLOWED (data), NULL (the field answers null), EMPTY (an empty list or 0), otherwise the',
    "error's `extensions.code`. Another tenant's object is NOT_FOUND or null, never FORBIDDEN.",
    '',
    `| operation | scope | ${ROLES.join(' | ')} | operator |`,
    `|---|---|${ROLES.map(() => '---').join('|')}|---|`,
  ];
  const notes: string[] = [];
  for (const [name, row] of Object.entries(OPERATIONS)) {
    const kind = kinds.get(name) ?? 'missing from the schema';
    const scope = row.scope ? `\`${row.scope}\`` : `(${keyScopeOf(row, 'keyWith')})`;
    lines.push(
      `| ${kind} \`${name}\` | ${scope} | ${ROLES.map((r) => row.expect[r]).join(' | ')} | ${row.operator ?? '-'} |`,
    );
    if (row.note) notes.push(`- \`${name}\`: ${row.note}.`);
    if (row.denialNotAudited) notes.push(`- \`${name}\`: no denial event yet: ${row.denialNotAudited}.`);
  }
  lines.push('', ...WHO_MAY_ACT_ON_A_PERSON);
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
