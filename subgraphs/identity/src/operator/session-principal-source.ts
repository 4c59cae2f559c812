import type { SessionPrincipal } from '../generated/resolvers.ts';

/** What `sessionPrincipal` resolves to: the operator flag is resolved apart (operator.resolvers.ts). */
export type SessionPrincipalSource = Omit<SessionPrincipal, 'operator'>;
