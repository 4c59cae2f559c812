/** Sums a Prometheus series (all label sets) from a /metrics scrape. */
export function seriesSum(scrape: string, name: string): number {
  return scrape
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

export async function scrape(graphqlUrl: string): Promise<string> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'));
  return response.text();
}

/** Subgraph calls the gateway made so far. */
export const subgraphCalls = async (graphqlUrl: string) =>
  seriesSum(await scrape(graphqlUrl), 'steward_subgraph_request_duration_seconds_count');
