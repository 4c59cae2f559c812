import type { DocumentNode } from 'graphql';
import type { ServerResponse } from 'node:http';
import { ErrorCode } from '../errors.ts';
import { HttpError } from '../http.ts';
import { runInScope, type TenantScope } from '../orm.ts';
import type { InternalRoute } from '../subgraph-server.ts';
import {
  batchSql,
  buildExportPlans,
  subjectColumnOf,
  type Subject,
  type SubjectDataDeclaration,
  type TypeExportPlan,
} from './subject-data.ts';

/** GET ?organizationId=… or ?userId=…: the subject's rows of every `@subject` type, as JSON Lines. */
export const SUBJECT_EXPORT_PATH = '/internal/lifecycle/export';

/** Rows per query: memory stays flat whatever the subject's size. */
export const EXPORT_BATCH_SIZE = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One line of a subgraph's export stream. */
export interface ExportLine {
  type: string;
  record: Record<string, unknown>;
}

export function parseSubject(params: URLSearchParams): Subject | null {
  const organizationId = params.get('organizationId');
  const userId = params.get('userId');
  if (organizationId && !userId && UUID.test(organizationId)) return { organizationId };
  if (userId && !organizationId && UUID.test(userId)) return { userId };
  return null;
}

export const scopeOfSubject = (subject: Subject): TenantScope =>
  subject.organizationId !== undefined
    ? { tenantIds: [subject.organizationId], userId: null }
    : { tenantIds: [], userId: subject.userId };

async function write(res: ServerResponse, chunk: string): Promise<void> {
  if (res.destroyed || res.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * The internal routes through which the lifecycle subgraph collects a subject's data from this
 * subgraph: generic, driven by the schema's `@subject`/`@export` directives and the entity
 * metadata. Reachable only with the lifecycle service's internal token.
 */
export function lifecycleExportRoutes(
  typeDefs: DocumentNode,
  declaration: SubjectDataDeclaration,
): Record<string, InternalRoute> {
  let plans: TypeExportPlan[] | null = null;
  const exportRoute: InternalRoute = async (req, res, { principal, orm }) => {
    if (principal.kind !== 'system' || principal.service !== 'lifecycle') {
      throw new HttpError(403, ErrorCode.FORBIDDEN, 'Lifecycle service only');
    }
    if (req.method !== 'GET') throw new HttpError(405, ErrorCode.BAD_REQUEST, 'Use GET');
    const subject = parseSubject(new URL(req.url ?? '/', 'http://internal').searchParams);
    if (!subject)
      throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'Give exactly one of organizationId, userId');
    plans ??= buildExportPlans(orm, typeDefs, declaration);
    const scope = scopeOfSubject(subject);
    const subjectId = subject.organizationId ?? subject.userId;
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    for (const plan of plans) {
      const column = subjectColumnOf(plan, subject);
      if (!column) continue;
      let after: string | null = null;
      for (;;) {
        const params: unknown[] =
          after === null ? [subjectId, EXPORT_BATCH_SIZE] : [subjectId, after, EXPORT_BATCH_SIZE];
        // Each batch in a short transaction of its own: a slow reader holds no connection meanwhile.
        const rows = await runInScope(orm, scope, ({ em }) =>
          em.execute<Record<string, unknown>[]>(batchSql(plan, column, after === null), params),
        );
        if (res.destroyed) return;
        const lines = rows.map(({ __key, ...record }) => {
          after = String(__key);
          return `${JSON.stringify({ type: plan.type, record } satisfies ExportLine)}\n`;
        });
        if (lines.length) await write(res, lines.join(''));
        if (rows.length < EXPORT_BATCH_SIZE) break;
      }
    }
    res.end();
  };
  return { [SUBJECT_EXPORT_PATH]: exportRoute };
}
