import { describe, expect, it } from '@jest/globals';
import { CreateOrganizationInput, DEFAULT_REGION, isId, parseInput } from './input.ts';

describe('CreateOrganizationInput', () => {
  it('trims the name and defaults the region', () => {
    expect(parseInput(CreateOrganizationInput, { name: '  Acme ', region: null })).toEqual({
      name: 'Acme',
      region: DEFAULT_REGION,
    });
    expect(parseInput(CreateOrganizationInput, { name: 'Acme', region: ' US-East ' }).region).toBe('us-east');
  });

  it('answers BAD_USER_INPUT naming the field', () => {
    expect(() => parseInput(CreateOrganizationInput, { name: '   ' })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'name' } }),
    );
    expect(() => parseInput(CreateOrganizationInput, { name: 'Acme', region: 'mars; drop table' })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'region' } }),
    );
  });
});

describe('isId', () => {
  it('accepts uuids only', () => {
    expect(isId(crypto.randomUUID())).toBe(true);
    expect(isId('1')).toBe(false);
    expect(isId("' or 1=1 --")).toBe(false);
  });
});
