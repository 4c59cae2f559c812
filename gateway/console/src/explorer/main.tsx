import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readToken } from '../session.ts';
import './explorer.css';

// The development explorer: GraphiQL from its npm package, bundled and served by the gateway
// (gateway/src/explorer-route.ts), so nothing loads from a CDN. It talks to the same-origin
// /graphql; a console session in this tab is offered as the Authorization header.

const token = readToken();

async function fetcher(params: unknown, options?: { headers?: Record<string, unknown> }) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(options?.headers ?? {})) headers[name] = String(value);
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
  return response.json();
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultHeaders={token ? JSON.stringify({ authorization: `Bearer ${token}` }, null, 2) : undefined}
      shouldPersistHeaders={false}
    />
  </StrictMode>,
);
