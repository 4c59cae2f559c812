import { describe, expect, it } from '@jest/globals';
import { csvField } from './log-export-format.ts';
import { parseAuditExportQuery } from '../../../../contracts/audit-log-export.ts';

describe('csvField', () => {
  it('quotes text, doubling quotes, so commas and line breaks stay inside the field', () => {
    expect(csvField('a "b", c\r\nd')).toBe('"a ""b"", c\r\nd"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('neutralises formulas with a leading apostrophe', () => {
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\uff1dcmd']) {
      expect(csvField(formula)).toMatch(/^"'/);
    }
    expect(csvField('a=1')).toBe('"a=1"');
  });

  it('shows control characters instead of sending them to a terminal', () => {
    expect(csvField('\u001b[31mred\u009b')).toBe('"\\u001b[31mred\\u009b"');
    expect(csvField('\u0007')).toBe('"\\u0007"');
  });
});

describe('parseAuditExportQuery', () => {
  const organizationId = '5F0C5D0E-9A4B-4C6D-8E7F-0A1B2C3D4E5F';

  it('accepts any range, in either format, case-insensitively', () => {
    const parsed = parseAuditExportQuery(
      new URLSearchParams({ organizationId, format: 'JSONL', from: '2020-01-01T00:00:00Z' }),
    );
    expect(parsed).toEqual({
      ok: true,
      query: {
        organizationId: organizationId.toLowerCase(),
        format: 'jsonl',
        from: new Date('2020-01-01T00:00:00Z'),
      },
    });
    expect(parseAuditExportQuery(new URLSearchParams({ organizationId }))).toMatchObject({
      ok: true,
      query: { format: 'csv' },
    });
  });

  it('names the first problem', () => {
    expect(parseAuditExportQuery(new URLSearchParams({ organizationId, format: 'xls' }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('format'),
    });
    expect(parseAuditExportQuery(new URLSearchParams({ organizationId, from: 'yesterday' }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('from'),
    });
  });
});
