import { actorOf, recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import { forbidden, notFound } from '../../../../platform/errors.ts';
import { membershipIn } from '../../../../platform/principal.ts';
import type { LifecycleContext } from '../context.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { setAuditRetention } from './retention-calls.ts';
import { auditMonthsOf, effectivePolicy, keepForOf, parseRules } from './retention-policy.ts';
import { replaceRules, storedRulesOf } from './retention-rule.repository.ts';

/**
 * The organization's id when the caller administers it. Another tenant's organization (or no
 * organization) is NOT_FOUND, never confirmed; a member who is not an admin is FORBIDDEN.
 */
function administeredOrganization(ctx: LifecycleContext, organizationId: string): string {
  const id = organizationId.toLowerCase();
  const membership = membershipIn(ctx.principal, id);
  if (!membership) throw notFound('Organization');
  if (membership.role !== 'ADMIN') throw forbidden();
  return id;
}

export function retentionResolvers(): Resolvers {
  return {
    Query: {
      retentionPolicy: async (_parent, { organizationId }, ctx) => {
        const id = administeredOrganization(ctx, organizationId);
        return effectivePolicy(id, await storedRulesOf(ctx.em, id));
      },
    },
    Mutation: {
      setRetentionPolicy: async (_parent, { organizationId, rules: input }, ctx) => {
        const id = administeredOrganization(ctx, organizationId);
        // Every rule is checked before anything is written: a bad one changes nothing.
        const rules = parseRules(input);
        const before = effectivePolicy(id, await storedRulesOf(ctx.em, id));
        await replaceRules(ctx.em, id, rules);
        const after = effectivePolicy(id, await storedRulesOf(ctx.em, id));
        // A longer audit period must reach audit before its next purge, not at lifecycle's next
        // sweep; should this request then fail, that sweep sets audit back to the stored policy.
        const auditMonths = auditMonthsOf(keepForOf(after, 'AUDIT_EVENTS'));
        if (auditMonths !== auditMonthsOf(keepForOf(before, 'AUDIT_EVENTS'))) {
          if (!ctx.internal) throw new Error('lifecycle has no service key to call audit');
          await setAuditRetention(ctx.internal, { organizationId: id, keepMonths: auditMonths }, ctx.origin);
        }
        const summary = (policy: typeof after) =>
          Object.fromEntries(policy.map((rule) => [rule.category, rule.isDefault ? null : rule.keepFor]));
        await recordAuditEvent(ctx.em, 'lifecycle', {
          action: 'lifecycle.retention.changed',
          outcome: 'SUCCESS',
          organizationId: id,
          actor: actorOf(ctx.principal, ctx.origin),
          target: { type: 'Organization', id },
          // null: the category keeps its default.
          metadata: { before: summary(before), after: summary(after) },
        });
        return after;
      },
    },
  };
}
