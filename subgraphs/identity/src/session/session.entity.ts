import { defineEntity, p } from '@mikro-orm/core';

export const DEVICE_TYPES = ['DESKTOP', 'MOBILE', 'TABLET', 'BOT', 'UNKNOWN'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    userId: p.uuid().index(),
    // SHA-256 of the bearer token: the token itself is never stored.
    tokenHash: p.string().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastSeenAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    ip: p.string().nullable(),
    userAgent: p.string().nullable(),
    deviceType: p.string().$type<DeviceType>(),
    revokedAt: p.datetime().nullable(),
    // When the user last proved who they are on this session, and how: re-authentication reads it.
    authenticatedAt: p.datetime().nullable(),
    authenticationMethods: p.array().$type<string[]>(),
  },
});

export class Session extends SessionSchema.class {}
SessionSchema.setClass(Session);
export { SessionSchema };
