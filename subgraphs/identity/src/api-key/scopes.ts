/**
 * What a partner API key may be granted: a fixed list, checked when a key is created. Each
 * subgraph enforces the scopes of its own fields; a key holds nothing beyond its organization.
 */
export const API_KEY_SCOPES = {
  'projects:read': 'Read the organization and its projects (names, ids), not their members.',
  'members:read': "Read the organization's members and their roles.",
  'audit:read': "Read and export the organization's audit log.",
  'projects:write': 'Create and rename projects of the organization.',
} as const;

export type ApiKeyScope = keyof typeof API_KEY_SCOPES;

export const isApiKeyScope = (scope: string): scope is ApiKeyScope => Object.hasOwn(API_KEY_SCOPES, scope);
