import { defineEntity, p } from '@mikro-orm/core';

const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    email: p.string().unique(),
    displayName: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    // argon2id PHC string; null for a user who signs in only by code or OIDC. Never exposed.
    passwordHash: p.string().nullable().hidden(),
  },
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
export { UserSchema };
