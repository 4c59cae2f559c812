import { describe, expect, it } from '@jest/globals';
import {
  auditMonthsOf,
  effectivePolicy,
  nominalDays,
  parseDuration,
  parseRules,
} from './retention-policy.ts';

describe('ISO-8601 durations', () => {
  it('parse every designator, whole numbers only', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
    });
    expect(parseDuration('PT36H')).toMatchObject({ hours: 36, days: 0 });
    expect(parseDuration('P1M')).toMatchObject({ months: 1, minutes: 0 });
    expect(parseDuration('PT1M')).toMatchObject({ months: 0, minutes: 1 });
  });

  it.each(['', 'P', 'PT', 'P1DT', 'P1.5D', 'P-1D', 'p1d', '1D', 'P1D ', 'P1H', 'PT1D', 'P1M1Y', 'P1234567D'])(
    'refuse %j',
    (text) => expect(parseDuration(text)).toBeNull(),
  );

  it('compare with a year as 365 days and a month as 30', () => {
    expect(nominalDays(parseDuration('P1Y')!)).toBe(365);
    expect(nominalDays(parseDuration('P12M')!)).toBe(360);
    expect(nominalDays(parseDuration('P1DT12H')!)).toBe(1.5);
  });
});

describe('audit months', () => {
  it.each([
    ['P12M', 12],
    ['P1Y', 12],
    ['P2Y6M', 30],
    ['P400D', 14],
    ['P12MT1S', 13],
    ['P10Y', 120],
  ])('%s keeps %i months (rounded up, never under 12)', (keepFor, months) => {
    expect(auditMonthsOf(keepFor)).toBe(months);
  });
});

describe('a policy', () => {
  it('accepts each category from its minimum to P10Y', () => {
    const rules = [
      { category: 'SIGN_IN_ATTEMPTS', keepFor: 'P30D' },
      { category: 'SESSIONS', keepFor: 'PT24H' },
      { category: 'AUDIT_EVENTS', keepFor: 'P10Y' },
      { category: 'EXPORTS', keepFor: 'P1D' },
    ] as const;
    expect(parseRules(rules)).toEqual(rules);
    expect(parseRules([])).toEqual([]);
  });

  it('refuses below the minimum, above P10Y, malformed, or twice, naming the field', () => {
    const refusal = (rules: Parameters<typeof parseRules>[0]) => {
      try {
        parseRules(rules);
      } catch (error) {
        const { message, extensions } = error as { message: string; extensions: Record<string, unknown> };
        return { message, ...extensions };
      }
      throw new Error('accepted');
    };
    expect(refusal([{ category: 'AUDIT_EVENTS', keepFor: 'P11M' }])).toEqual({
      message: 'AUDIT_EVENTS must be kept at least P12M',
      code: 'BAD_USER_INPUT',
      field: 'rules.0.keepFor',
    });
    expect(refusal([{ category: 'EXPORTS', keepFor: 'P3651D' }])).toMatchObject({ field: 'rules.0.keepFor' });
    expect(refusal([{ category: 'EXPORTS', keepFor: 'soon' }])).toMatchObject({ field: 'rules.0.keepFor' });
    expect(
      refusal([
        { category: 'EXPORTS', keepFor: 'P2D' },
        { category: 'EXPORTS', keepFor: 'P3D' },
      ]),
    ).toMatchObject({ field: 'rules.1.category' });
  });

  it('falls back to the defaults category by category', () => {
    const updatedAt = new Date();
    expect(
      effectivePolicy('o', [{ category: 'SESSIONS', keepFor: 'P7D', updatedAt }]).map((r) => [
        r.category,
        r.keepFor,
        r.isDefault,
        r.updatedAt,
      ]),
    ).toEqual([
      ['SIGN_IN_ATTEMPTS', 'P1Y', true, null],
      ['SESSIONS', 'P7D', false, updatedAt],
      ['AUDIT_EVENTS', 'P12M', true, null],
      ['EXPORTS', 'P30D', true, null],
    ]);
  });
});
