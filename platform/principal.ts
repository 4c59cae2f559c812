import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SignInPolicyClaim } from './sign-in-policy.ts';

export const OrganizationRole = z.enum(['ADMIN', 'MEMBER']);
export const ProjectRole = z.enum(['EDITOR', 'PARTICIPANT']);

export const MembershipClaim = z.object({
  organizationId: z.string(),
  role: OrganizationRole,
  projects: z.array(z.object({ projectId: z.string(), role: ProjectRole })),
});
export type MembershipClaim = z.infer<typeof MembershipClaim>;

/** Who is asking: resolved once by the gateway, carried to subgraphs inside the internal token. */
export const Principal = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous') }),
  z.object({
    kind: z.literal('user'),
    userId: z.string(),
    sessionId: z.string().optional(),
    memberships: z.array(MembershipClaim),
    /** When the session was last authenticated (sign-in or step-up), ISO-8601: step-up reads it. */
    authenticatedAt: z.string().optional(),
    /** How (EMAIL_CODE, PASSWORD, OIDC, TOTP, RECOVERY_CODE…): second-factor policies read it. */
    authenticationMethods: z.array(z.string()).optional(),
    /** The sign-in policies of the user's organizations that ask more than the default. */
    signInPolicies: z.array(SignInPolicyClaim).optional(),
    /** One of the SaaS operator's staff (identity's STEWARD_OPERATORS): may run operator operations only. */
    operator: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('apiKey'),
    keyId: z.string(),
    organizationId: z.string(),
    scopes: z.array(z.string()),
  }),
  z.object({ kind: z.literal('system'), service: z.string() }),
]);
export type Principal = z.infer<typeof Principal>;
export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** Where the request came from, as the gateway saw it. */
export const RequestOrigin = z.object({
  requestId: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type RequestOrigin = z.infer<typeof RequestOrigin>;

/**
 * The part of a request's origin signed into internal tokens. The request id travels as the
 * `x-request-id` header instead: it only correlates logs, and leaving it out of the token lets
 * the gateway reuse one token for the same principal and client.
 */
export const SignedOrigin = RequestOrigin.omit({ requestId: true });
export type SignedOrigin = z.infer<typeof SignedOrigin>;

export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The request id a caller sent, or a fresh one when it sent none or something that is not an id. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

export const anonymous: Principal = { kind: 'anonymous' };

/** The organizations whose rows this principal may touch: the tenant scope of a transaction. */
export function tenantIdsOf(principal: Principal): string[] {
  switch (principal.kind) {
    case 'user':
      return principal.memberships.map((m) => m.organizationId);
    case 'apiKey':
      return [principal.organizationId];
    default:
      return [];
  }
}

export function membershipIn(principal: Principal, organizationId: string): MembershipClaim | undefined {
  return principal.kind === 'user'
    ? principal.memberships.find((m) => m.organizationId === organizationId)
    : undefined;
}

/** A signed-in user who is one of the SaaS operator's staff. */
export const isOperatorPrincipal = (principal: Principal): boolean =>
  principal.kind === 'user' && principal.operator === true;
