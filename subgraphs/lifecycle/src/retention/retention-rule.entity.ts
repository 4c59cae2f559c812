import { defineEntity, p } from '@mikro-orm/core';
import type { RetentionCategory } from './retention-policy.ts';

// Read and written with SQL (under RLS); the entity gives export and deletion the table and its columns.
const RetentionRuleSchema = defineEntity({
  name: 'RetentionRule',
  tableName: 'retention_rules',
  properties: {
    id: p.uuid().primary(),
    organizationId: p.uuid(),
    category: p.string().$type<RetentionCategory>(),
    keepFor: p.string(),
    updatedAt: p.datetime(),
  },
});

export { RetentionRuleSchema };
