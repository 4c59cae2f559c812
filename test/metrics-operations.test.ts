import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { scrape } from './support/metrics.ts';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

/** The `steward_graphql_requests_total` series of a scrape, one line each. */
const requestSeries = (text: string) =>
  text.split('\n').filter((line) => line.startsWith('steward_graphql_requests_total{'));

/** The counter of the series whose labels include all of these. */
const countOf = (text: string, labels: Record<string, string>) =>
  requestSeries(text)
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);

describe('the operation label of the request metrics', () => {
  let stack: TestStack;
  let token: string;
  const identityMetrics = () =>
    fetch(stack.subgraphs.identity!.url.replace('/graphql', '/metrics')).then((r) => r.text());

  beforeAll(async () => {
    stack = await startTestStack({ gateway: { metricsOperations: ['Dashboard'] } });
    token = (await stack.signIn(uniqueEmail('metrics'))).token;
  });
  afterAll(() => stack?.close());

  it('100 operations with random names add no series: they count as "other"', async () => {
    // Every label set the random names could touch exists once first.
    await stack.graphql(`query Warmup_${randomUUID().replace(/-/g, '')} { me { id } }`, {}, token);
    const gatewayBefore = await scrape(stack.url);
    const identityBefore = await identityMetrics();

    for (let i = 0; i < 100; i++) {
      const name = `Random_${randomUUID().replace(/-/g, '')}`;
      const result = await stack.graphql(`query ${name} { me { id } }`, {}, token);
      expect(result.errors).toBeUndefined();
    }

    const gatewayAfter = await scrape(stack.url);
    const identityAfter = await identityMetrics();
    expect(requestSeries(gatewayAfter)).toHaveLength(requestSeries(gatewayBefore).length);
    expect(requestSeries(identityAfter)).toHaveLength(requestSeries(identityBefore).length);
    expect(gatewayAfter).not.toContain('Random_');
    expect(identityAfter).not.toContain('Random_');
    const other = { operation: 'other', type: 'query', outcome: 'ok' };
    expect(countOf(gatewayAfter, other) - countOf(gatewayBefore, other)).toBe(100);
    // The gateway's fetches from identity are labelled by the client's name too.
    expect(countOf(identityAfter, other) - countOf(identityBefore, other)).toBe(100);
  });

  it("keeps a root field's name, a configured name, and says anonymous for an unnamed operation", async () => {
    await stack.graphql('query me { me { id } }', {}, token);
    await stack.graphql('query Dashboard { me { id } }', {}, token);
    await stack.graphql('{ me { id } }', {}, token);
    const text = await scrape(stack.url);
    expect(countOf(text, { operation: 'me', type: 'query' })).toBeGreaterThanOrEqual(1);
    expect(countOf(text, { operation: 'Dashboard', type: 'query' })).toBeGreaterThanOrEqual(1);
    expect(countOf(text, { operation: 'anonymous', type: 'query' })).toBeGreaterThanOrEqual(1);
    expect(countOf(await identityMetrics(), { operation: 'Dashboard' })).toBeGreaterThanOrEqual(1);
  });
});
