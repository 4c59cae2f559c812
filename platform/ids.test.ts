import { describe, expect, it } from '@jest/globals';
import { Id, isId } from './ids.ts';

describe('isId', () => {
  it('accepts uuids of any version, in either case', () => {
    expect(isId(crypto.randomUUID())).toBe(true);
    expect(isId(crypto.randomUUID().toUpperCase())).toBe(true);
    // An id derived from md5 (bench seeds): no version nibble.
    expect(isId('0cc175b9-c0f1-b6a8-31c3-99e269772661')).toBe(true);
  });

  it('refuses anything else', () => {
    const id = crypto.randomUUID();
    for (const value of ['', '1', "' or 1=1 --", `${id} `, ` ${id}`, `${id}\n`, `${id}\u0000`, `{${id}}`])
      expect(isId(value)).toBe(false);
    expect(isId(id.replaceAll('-', ''))).toBe(false);
    expect(isId(42)).toBe(false);
    expect(isId(null)).toBe(false);
  });
});

describe('Id', () => {
  it('lower-cases what it accepts and names what it refuses', () => {
    const id = crypto.randomUUID();
    expect(Id().parse(id.toUpperCase())).toBe(id);
    expect(Id('Not a user id').safeParse('nope').error?.issues[0]?.message).toBe('Not a user id');
  });
});
