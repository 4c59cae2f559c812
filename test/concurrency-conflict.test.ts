/**
 * A transaction PostgreSQL ends because another one got in its way (a deadlock, a unique key taken
 * meanwhile) answers CONFLICT with reason CONCURRENT_CHANGE, to retry, never a bare internal
 * error; anything else from the driver stays masked. The errors are real: two transactions made
 * to deadlock and to race for a key on the test database.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeadlockException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import type pg from 'pg';
import { formatError } from '../platform/errors.ts';
import { adminClient } from './support/stack.ts';

let a: pg.Client;
let b: pg.Client;
beforeAll(async () => {
  [a, b] = await Promise.all([adminClient(), adminClient()]);
});
afterAll(async () => {
  await a?.end();
  await b?.end();
});

/** What a client is shown of `driverError`, thrown in a resolver as MikroORM would rethrow it. */
const shown = (driverError: Error) =>
  formatError(
    { message: driverError.message, path: ['x'] },
    new GraphQLError(driverError.message, { originalError: driverError }),
  );

async function realDeadlock(): Promise<Error> {
  await a.query('drop table if exists steward_conflict_pair');
  await a.query('create table steward_conflict_pair (id int primary key)');
  await a.query('insert into steward_conflict_pair values (1), (2)');
  await a.query('begin');
  await b.query('begin');
  try {
    await a.query('update steward_conflict_pair set id = id where id = 1');
    await b.query('update steward_conflict_pair set id = id where id = 2');
    const outcomes = await Promise.allSettled([
      a.query('update steward_conflict_pair set id = id where id = 2'),
      b.query('update steward_conflict_pair set id = id where id = 1'),
    ]);
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    return failed!.reason as Error;
  } finally {
    await a.query('rollback');
    await b.query('rollback');
    await a.query('drop table if exists steward_conflict_pair');
  }
}

async function realUniqueViolation(): Promise<Error> {
  await a.query('drop table if exists steward_conflict_key');
  await a.query('create table steward_conflict_key (id int primary key)');
  await a.query('begin');
  try {
    await a.query('insert into steward_conflict_key values (1)');
    const racing = b.query('insert into steward_conflict_key values (1)');
    await a.query('commit');
    return await racing.then(
      () => new Error('no violation'),
      (error: Error) => error,
    );
  } finally {
    await a.query('drop table if exists steward_conflict_key');
  }
}

const CONFLICT = {
  message: 'A concurrent change conflicted with this request; it was not applied, retry it',
  path: ['x'],
  extensions: { code: 'CONFLICT', reason: 'CONCURRENT_CHANGE', retryAfter: 1 },
};

describe('a conflict with a concurrent transaction', () => {
  it('a deadlock, as the driver and as MikroORM throw it, is CONFLICT', async () => {
    const deadlock = await realDeadlock();
    expect((deadlock as { code?: string }).code).toBe('40P01');
    expect(shown(deadlock)).toEqual(CONFLICT);
    expect(shown(new DeadlockException(deadlock))).toEqual(CONFLICT);
  });

  it('a unique key taken by a concurrent insert is CONFLICT', async () => {
    const violation = await realUniqueViolation();
    expect((violation as { code?: string }).code).toBe('23505');
    expect(shown(new UniqueConstraintViolationException(violation))).toEqual(CONFLICT);
  });

  it('any other driver error stays a bare internal error, its SQL and message hidden', async () => {
    const error = await a.query('select * from no_such_table_here').then(
      () => new Error('no error'),
      (e: Error) => e,
    );
    expect(shown(error)).toEqual({
      message: 'Internal server error',
      path: ['x'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
