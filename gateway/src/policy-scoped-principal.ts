import { policyRefusal } from '../../platform/sign-in-policy.ts';
import type { Principal } from '../../platform/principal.ts';

const scoped = new WeakMap<Principal, Principal>();

/**
 * The principal as the subgraphs receive it: without the memberships of organizations whose
 * sign-in policy refuses this session. The sign-in policy plugin refuses an operation naming such
 * an organization with the reason; what its reading of an operation cannot see (a field nested
 * under `me`, a route outside GraphQL such as the audit log download) then reaches a subgraph as
 * a non-member's request, NOT_FOUND or null, never the organization's data. One object per
 * principal (the principal cache makes a new one at every change), so internal tokens are reused.
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
