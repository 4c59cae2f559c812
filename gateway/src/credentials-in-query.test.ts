import { describe, expect, it } from '@jest/globals';
import { hasCredentialsInQuery } from './credentials-in-query.ts';

const KEY = 'stw_Ab3dE6gH_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

describe('credentials in the query string', () => {
  it.each([
    `/graphql?api_key=${KEY}`,
    '/graphql?access_token=anything',
    '/graphql?TOKEN=x',
    `/graphql?partner=${KEY}`,
    `/graphql?query=%7Bme%7Bid%7D%7D&variables=${encodeURIComponent(JSON.stringify({ k: KEY }))}`,
  ])('are found in %s', (url) => {
    expect(hasCredentialsInQuery(url)).toBe(true);
  });

  it.each([undefined, '/graphql', '/graphql?', '/graphql?query=%7Bme%7Bid%7D%7D&operationName=Me'])(
    'are not found in %s',
    (url) => {
      expect(hasCredentialsInQuery(url)).toBe(false);
    },
  );
});
