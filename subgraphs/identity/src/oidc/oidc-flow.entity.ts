import { defineEntity, p } from '@mikro-orm/core';

/**
 * One started OpenID Connect sign-in, waiting for the browser to come back from the provider.
 * It holds no personal data: the user is unknown until the flow completes.
 */
const OidcFlowSchema = defineEntity({
  name: 'OidcFlow',
  tableName: 'oidc_flows',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    provider: p.string(),
    // SHA-256 of the state: a database read alone cannot complete someone's sign-in.
    stateHash: p.string().unique(),
    codeVerifier: p.string(),
    nonce: p.string(),
    redirectUri: p.string(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    consumedAt: p.datetime().nullable(),
  },
});

export class OidcFlow extends OidcFlowSchema.class {}
OidcFlowSchema.setClass(OidcFlow);
export { OidcFlowSchema };
