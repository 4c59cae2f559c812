import { policyRefusal } from '../../platform/sign-in-policy.ts';
import type { Principal } from '../../platform/principal.ts';

const scoped = new WeakMap<Principal, Principal>();

/**
 * The principal without the memberships of organizations whose sign-in policy refuses this
 * session, for what the sign-in policy plugin's reading of an operation cannot see: a mutation
 * naming its target by an id alone (an API key's, an audit stream's), a route outside GraphQL (the
 * audit log download). Such a request reaches the subgraphs as a non-member's: NOT_FOUND, nothing
 * changed. One object per principal (the principal cache makes a new one at every change), so
 * internal tokens are reused.
 */
export function policyScopedPrincipal(principal: Principal): Principal {
  if (principal.kind !== 'user' || !principal.signInPolicies?.length) return principal;
  const known = scoped.get(principal);
  if (known) return known;
  const methods = principal.authenticationMethods ?? [];
  const refusing = new Set(
    principal.signInPolicies.flatMap((policy) => {
      const membership = principal.memberships.find((m) => m.organizationId === policy.organizationId);
      return membership && policyRefusal(policy, { role: membership.role, methods })
        ? [policy.organizationId]
        : [];
    }),
  );
  const result: Principal = refusing.size
    ? { ...principal, memberships: principal.memberships.filter((m) => !refusing.has(m.organizationId)) }
    : principal;
  scoped.set(principal, result);
  return result;
}
