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

/**
 * An operator's session as operator operations require it: signed in, with a second factor (an
 * authenticator app enrolled on the session). Answers the session's token.
 */
export async function operatorSession(stack: TestStack, email: string): Promise<string> {
  const { token } = await stack.signIn(email);
  await enrolTotp(stack, token);
  return token;
}
