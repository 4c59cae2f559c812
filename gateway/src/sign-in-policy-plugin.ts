import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../platform/errors.ts';
import type { Principal } from '../../platform/principal.ts';
import { sessionPolicyRefusal } from '../../platform/sign-in-policy.ts';
import { organizationsTouched } from './access-organizations.ts';
import { fragmentsOf } from './root-fields.ts';
import type { GatewayContext } from './context.ts';

const MESSAGES = {
  SECOND_FACTOR_REQUIRED: 'This organization requires a second factor: enrol one or step up with it',
  SIGN_IN_METHOD_NOT_ALLOWED:
    'This organization does not allow the way this session signed in: sign in again',
} as const;

/**
 * Enforces each organization's sign-in policy on every operation that touches it (the same
 * reading of an operation as the access log's, access-organizations.ts), before anything runs.
 * The policies come with the principal (authenticate.ts; cached, dropped when a policy changes).
 * An operation touching no organization (`me`, enrolling a factor, stepping up) always goes
 * through, so a refused member can do what the reason asks. Refused: FORBIDDEN, with `reason`
 * and the `organizationId` whose policy refused it.
 */
/** Why a sign-in policy of one of these organizations refuses the principal, or null. */
export function signInPolicyRefusal(
  principal: Principal,
  organizationIds: readonly string[],
): { reason: keyof typeof MESSAGES; message: string; organizationId: string } | null {
  for (const organizationId of organizationIds) {
    const reason = sessionPolicyRefusal(principal, organizationId);
    if (reason) return { reason, message: MESSAGES[reason], organizationId };
  }
  return null;
}

export function signInPolicyPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, schema, request, document }) {
          const { principal } = contextValue;
          if (principal.kind !== 'user' || !principal.signInPolicies?.length) return;
          if (!operation) return;
          const rootType = schema.getRootType(operation.operation);
          // Root fields inside fragments included: wrapping them in one is no way around a policy.
          const touched = organizationsTouched(
            principal,
            rootType,
            operation,
            request.variables,
            fragmentsOf(document),
          );
          const refusal = signInPolicyRefusal(principal, touched);
          if (refusal) {
            throw new GraphQLError(refusal.message, {
              extensions: {
                code: ErrorCode.FORBIDDEN,
                reason: refusal.reason,
                organizationId: refusal.organizationId,
                http: { status: 403 },
              },
            });
          }
        },
      };
    },
  };
}
