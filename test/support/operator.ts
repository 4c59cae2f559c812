import { Secret, TOTP } from 'otpauth';
import type { TestStack } from './stack.ts';

const START = /* GraphQL */ `
  mutation StartTotp {
    startTotpEnrolment {
      secret
    }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation ConfirmTotp($code: String!) {
    confirmTotpEnrolment(code: $code) {
      codes
    }
  }
`;

/** Enrols an authenticator app on the session: the code confirming it is the session's second factor. */
export async function enrolTotp(stack: TestStack, token: string): Promise<string> {
  const started = await stack.graphql<{ startTotpEnrolment: { secret: string } }>(START, {}, token);
  if (!started.data) throw new Error(`startTotpEnrolment: ${JSON.stringify(started.errors)}`);
  const { secret } = started.data.startTotpEnrolment;
  const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
  const confirmed = await stack.graphql(CONFIRM, { code }, token);
  if (confirmed.errors) throw new Error(`confirmTotpEnrolment: ${JSON.stringify(confirmed.errors)}`);
  return secret;
}

const STEP_UP = /* GraphQL */ `
  mutation OperatorStepUp($code: String!) {
    stepUpWithTotp(code: $code) {
      id
    }
  }
`;

/** Within the 5-minute step-up window with a margin: an older factor is renewed by a step-up. */
const FRESH_MS = 4 * 60_000;
const STEP_MS = 30_000;

interface OperatorSession {
  token: string;
  userId: string;
  secret: string;
  /** When a factor was last given. */
  factorAt: number;
  /** A time within the TOTP step last used (a step is accepted once). */
  stepAt: number;
}
/** One session per stack and address, shared by callers running at once (one enrolment, one renewal). */
const sessions = new WeakMap<TestStack, Map<string, Promise<OperatorSession>>>();

async function start(stack: TestStack, email: string): Promise<OperatorSession> {
  const { token, userId } = await stack.signIn(email);
  const secret = await enrolTotp(stack, token);
  return { token, userId, secret, factorAt: Date.now(), stepAt: Date.now() };
}

/**
 * A TOTP step-up with a code of a step after the last one used (each step is accepted once): the
 * next step's code when the current one is spent, which identity's window of one step accepts.
 */
async function renew(stack: TestStack, session: OperatorSession): Promise<OperatorSession> {
  const stepAt = Math.max(Date.now(), (Math.floor(session.stepAt / STEP_MS) + 1) * STEP_MS);
  const code = new TOTP({ secret: Secret.fromBase32(session.secret) }).generate({ timestamp: stepAt });
  const stepped = await stack.graphql(STEP_UP, { code }, session.token);
  if (stepped.errors) throw new Error(`stepUpWithTotp: ${JSON.stringify(stepped.errors)}`);
  return { ...session, factorAt: Date.now(), stepAt };
}

/**
 * An operator's session as operator operations require it: signed in with a second factor (an
 * authenticator app enrolled on the session, whose confirming code is a fresh factor). One session
 * per stack and address: its factor is renewed by a TOTP step-up once older than four minutes.
 * Answers the session's token and the user's id.
 */
export async function operatorSession(
  stack: TestStack,
  email: string,
): Promise<{ token: string; userId: string }> {
  const known = sessions.get(stack) ?? new Map<string, Promise<OperatorSession>>();
  sessions.set(stack, known);
  if (!known.has(email)) known.set(email, start(stack, email));
  for (;;) {
    const pending = known.get(email)!;
    const session = await pending;
    if (Date.now() - session.factorAt <= FRESH_MS) return { token: session.token, userId: session.userId };
    if (known.get(email) === pending) known.set(email, renew(stack, session));
  }
}
