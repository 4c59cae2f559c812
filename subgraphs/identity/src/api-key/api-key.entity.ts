import { defineEntity, p } from '@mikro-orm/core';
import { tenantFilter } from '../../../runtime/tenant-isolation.ts';

const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  filters: tenantFilter(),
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    organizationId: p.uuid().index(),
    name: p.string(),
    // Public part of the token (`stw_<prefix>_…`), to find the key and to recognise it in a list.
    prefix: p.string().unique(),
    // SHA-256 of the whole token: the secret itself is never stored.
    secretHash: p.string(),
    scopes: p.array(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime(),
    expiresAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});

export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
export { ApiKeySchema };
