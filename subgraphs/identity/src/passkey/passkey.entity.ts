import { defineEntity, p } from '@mikro-orm/core';

/**
 * A person's passkey: the public half of a key pair their authenticator made for this relying
 * party. The private key never leaves the authenticator; what is stored proves nothing by itself.
 */
const PasskeySchema = defineEntity({
  name: 'Passkey',
  tableName: 'passkeys',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    userId: p.uuid().index(),
    // The authenticator's id for the credential (base64url), sent back with every assertion.
    credentialId: p.string().unique(),
    // COSE public key, as the attestation carried it.
    publicKey: p.uint8array(),
    // The authenticator's signature counter; one that goes backwards is a cloned authenticator.
    signCount: p.bigint('number'),
    transports: p.array().$type<string[]>(),
    attestationFormat: p.string(),
    aaguid: p.string(),
    backedUp: p.boolean(),
    name: p.string(),
    createdAt: p.datetime(),
    lastUsedAt: p.datetime().nullable(),
  },
});

export class Passkey extends PasskeySchema.class {}
PasskeySchema.setClass(Passkey);
export { PasskeySchema };
