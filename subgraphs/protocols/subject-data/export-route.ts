import type { DocumentNode } from 'graphql';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { ErrorCode } from '../../../platform/errors.ts';
import { HttpError } from '../../../platform/http.ts';
import type { InternalRoute } from '../../runtime/context.ts';
import type pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { TENANT_SETTING, USER_SETTING } from '../../runtime/tenant-isolation.ts';
import { CopyJsonStream } from './copy-json-stream.ts';
import { openSealedLines } from './sealed-export.ts';
import type { ContentSealer } from '../../../platform/crypto/sealed-content.ts';
import { recycleBlock } from './copy-text-json.ts';
import { recordShapeOf, type RecordShape } from './record-shape.ts';
import { writeOpenedRecords, type RecordOpener } from './open-records.ts';
import {
  buildExportPlans,
  exportCopySql,
  scopeOfSubject,
  subjectColumnOf,
  subjectIdOf,
  subjectKindOf,
  type Subject,
  type SubjectDataDeclaration,
  type TypeExportPlan,
} from './subject-data.ts';
import { PART_MARKER, SUBJECT_EXPORT_PATH } from '../../../contracts/subject-data-export.ts';
import { parseSubjectQuery } from '../../../contracts/subject.ts';

async function write(res: ServerResponse, chunk: string | Buffer): Promise<void> {
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
 * Writes a stream's chunks to the response as they come (an async iterator would join queued
 * ones), pausing it while the response drains, and gives each back to the converter once written.
 * Unlike `pipeline`, it leaves no listener on the response, which carries every type's COPY in turn.
 */
function pump(source: Readable, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (!res.write(chunk, () => recycleBlock(chunk))) source.pause();
    };
    const onDrain = () => source.resume();
    const onClose = () => finish(new Error('Export response closed'));
    const onEnd = () => finish();
    const finish = (error?: Error) => {
      source.off('data', onData).off('end', onEnd).off('error', finish);
      res.off('drain', onDrain).off('close', onClose);
      if (!error) return resolve();
      source.destroy();
      reject(error);
    };
    source.on('data', onData).once('end', onEnd).once('error', finish);
    res.on('drain', onDrain).once('close', onClose);
  });
}

/**
 * Streams one subject's records of every type through PostgreSQL's COPY, in one read-only
 * transaction under the subject's tenant scope (row-level security applies to COPY of a query as
 * to any select). COPY gives the columns as text; this process writes the JSON, which costs less
 * CPU than PostgreSQL building it. Memory stays flat: COPY is read as the response drains.
 */
async function streamRecords(
  orm: MikroORM,
  sealer: ContentSealer,
  plans: TypeExportPlan[],
  shapes: Map<TypeExportPlan, RecordShape>,
  subject: Subject,
  res: ServerResponse,
  openers: Map<string, RecordOpener>,
): Promise<void> {
  const pool = (await orm.em.getConnection().getNativeClient()) as pg.Pool;
  const client = await pool.connect();
  const scope = scopeOfSubject(subject);
  const subjectId = subjectIdOf(subject);
  const memberOf = subjectKindOf(subject) === 'member' ? subject.organizationId : undefined;
  let broken = false;
  try {
    await client.query('begin isolation level repeatable read read only');
    // DateStyle ISO: the timestamp text CopyTextToJson expects, whatever the server's default.
    await client.query(
      `select set_config('${TENANT_SETTING}', $1, true), set_config('${USER_SETTING}', $2, true),
        set_config('DateStyle', 'ISO, YMD', true)`,
      [scope.tenantIds.join(','), scope.userId ?? ''],
    );
    for (const plan of plans) {
      const column = subjectColumnOf(plan, subject);
      if (!column) continue;
      let shape = shapes.get(plan);
      if (!shape) {
        shape = await recordShapeOf(client, plan);
        shapes.set(plan, shape);
      }
      await write(res, `${PART_MARKER}${plan.type}\n`);
      const copy = client.query(
        new CopyJsonStream(exportCopySql(plan, column, subjectId, shape.select, memberOf), shape.fields),
      );
      const opener = openers.get(plan.type);
      try {
        if (opener) await writeOpenedRecords(copy, opener, (text) => write(res, text));
        else await pump(plan.sealed ? openSealedLines(copy, sealer, plan.sealed) : copy, res);
      } catch (error) {
        if (!res.destroyed) throw error;
        // The lifecycle service went away: nothing to answer.
        broken = true;
        return;
      }
    }
    await client.query('commit');
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    // A connection left mid-COPY or mid-transaction is not given back to the pool.
    client.release(broken ? true : undefined);
  }
}

/**
 * The internal routes through which the lifecycle subgraph collects a subject's data from this
 * subgraph: generic, driven by the schema's `@subject`/`@export` directives and the entity
 * metadata. Reachable only with the lifecycle service's internal token.
 */
export function subjectDataExportRoutes(
  typeDefs: DocumentNode,
  declaration: SubjectDataDeclaration,
): Record<string, InternalRoute> {
  let plans: TypeExportPlan[] | null = null;
  // Column types do not change while the process runs: each type's shape is read once.
  const shapes = new Map<TypeExportPlan, RecordShape>();
  const exportRoute: InternalRoute = async (req, res, { principal, orm, sealer }) => {
    if (principal.kind !== 'system' || principal.service !== 'lifecycle') {
      throw new HttpError(403, ErrorCode.FORBIDDEN, 'Lifecycle service only');
    }
    if (req.method !== 'GET') throw new HttpError(405, ErrorCode.BAD_REQUEST, 'Use GET');
    const subject = parseSubjectQuery(new URL(req.url ?? '/', 'http://internal').searchParams);
    if (!subject) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'Give organizationId, userId, or both');
    plans ??= buildExportPlans(orm, typeDefs, declaration);
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    const openers = new Map(
      Object.entries(declaration.types).flatMap(([type, binding]) =>
        binding.openRecords ? [[type, binding.openRecords(sealer)] as const] : [],
      ),
    );
    await streamRecords(orm, sealer, plans, shapes, subject, res, openers);
    res.end();
  };
  return { [SUBJECT_EXPORT_PATH]: exportRoute };
}
