/** One GraphQL operation over HTTP (through a gateway); throws GraphQLFailure with its errors. */
export async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new GraphQLFailure(body.errors ?? []);
  return body.data;
}

export class GraphQLFailure extends Error {
  readonly errors: { message: string }[];
  constructor(errors: { message: string }[]) {
    super(errors.map((e) => e.message).join('; ') || 'no data');
    this.errors = errors;
  }
}
