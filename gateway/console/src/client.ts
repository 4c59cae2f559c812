import type { TypedDocumentString } from './generated/graphql.ts';
import { clearToken, readToken } from './session.ts';

/** A refused or failed operation, with the graph's coded error (extensions.code, reason). */
export class GraphQLRequestError extends Error {
  readonly code: string;
  readonly reason: string | undefined;
  /** The rest of extensions: a sign-in's challenge, the factors a step-up would take. */
  readonly extensions: Extensions;
  constructor(code: string, message: string, reason?: string, extensions: Extensions = {}) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.extensions = extensions;
  }
}

interface Extensions {
  code?: string;
  reason?: string;
  challenge?: string;
  factors?: string[];
}

// Refusals of a code or a challenge answered to a signed-in person: the session itself stands.
const SESSION_STANDS = new Set([
  'INVALID_CODE',
  'CHALLENGE_EXPIRED',
  'PASSKEY_CHALLENGE_EXPIRED',
  'PASSKEY_REFUSED',
]);

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Extensions }[];
}

/** Called when the graph says the stored session no longer signs anyone in (ended, expired). */
let onSessionEnded: () => void = () => {};
export const whenSessionEnds = (callback: () => void) => {
  onSessionEnded = callback;
};

/** Sends an operation to the gateway's public /graphql (same origin) with the person's token. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  const token = readToken();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new GraphQLRequestError('NETWORK', 'The gateway could not be reached');
  }
  let body: GraphQLBody<TResult>;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLRequestError('INTERNAL_SERVER_ERROR', `Unexpected answer (HTTP ${response.status})`);
  }
  const error = body.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    const reason = error.extensions?.reason;
    if (code === 'UNAUTHENTICATED' && token && !(reason && SESSION_STANDS.has(reason))) {
      clearToken();
      onSessionEnded();
    }
    throw new GraphQLRequestError(code, error.message, reason, error.extensions);
  }
  if (!body.data) throw new GraphQLRequestError('INTERNAL_SERVER_ERROR', 'No data in the answer');
  return body.data;
}

/** GETs one of the gateway's own routes (the audit log export) with the token, as a file. */
export async function download(path: string, filename: string): Promise<void> {
  const token = readToken();
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    let body: GraphQLBody<unknown> = {};
    try {
      body = await response.json();
    } catch {
      // Not a coded answer: the status says it.
    }
    const error = body.errors?.[0];
    throw new GraphQLRequestError(
      error?.extensions?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.extensions?.reason,
    );
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
