import { defineEntity, p } from '@mikro-orm/core';
import type { SignInMethod } from '../sign-in-attempt/sign-in-attempt.entity.ts';

/** A sign-in whose first factor was given and whose second is awaited. */
const SignInChallengeSchema = defineEntity({
  name: 'SignInChallenge',
  tableName: 'sign_in_challenges',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    userId: p.uuid().index(),
    // SHA-256 of the challenge handed to the client: a database read alone completes nothing.
    tokenHash: p.string().unique(),
    // SHA-256 of the client's IP and user agent (challenge-client.ts): only that client completes it.
    clientHash: p.string(),
    firstMethod: p.string().$type<SignInMethod>(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    completedAt: p.datetime().nullable(),
  },
});

export class SignInChallenge extends SignInChallengeSchema.class {}
SignInChallengeSchema.setClass(SignInChallenge);
export { SignInChallengeSchema };
