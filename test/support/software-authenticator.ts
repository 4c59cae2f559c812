import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// A WebAuthn authenticator in software, for tests: real P-256 key pairs (ES256, COSE alg -7),
// real authenticator data, client data and CBOR attestation objects ('none', and 'packed' self
// attestation signed by the credential's own key), real signatures. Nothing the server verifies
// is mocked: what it refuses, it refuses for the reason a browser's answer would be refused.

/** A CBOR value, as much of CBOR (RFC 8949) as WebAuthn's structures use. */
type Cbor = number | string | Uint8Array | Cbor[] | Map<number | string, Cbor>;

function cborHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) {
    const head = Buffer.alloc(3);
    head[0] = (major << 5) | 25;
    head.writeUInt16BE(length, 1);
    return head;
  }
  const head = Buffer.alloc(5);
  head[0] = (major << 5) | 26;
  head.writeUInt32BE(length, 1);
  return head;
}

/** Encodes a CBOR value (definite lengths; integers up to 32 bits). */
export function encodeCbor(value: Cbor): Buffer {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('only integers');
    return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([cborHead(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([cborHead(4, value.length), ...value.map(encodeCbor)]);
  const entries = [...value.entries()].flatMap(([key, item]) => [encodeCbor(key), encodeCbor(item)]);
  return Buffer.concat([cborHead(5, value.size), ...entries]);
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const b64url = (data: Uint8Array) => Buffer.from(data).toString('base64url');

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

/** What the relying party's options JSON holds that an authenticator reads. */
interface CreationOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string };
  pubKeyCredParams: { alg: number }[];
}
interface RequestOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}

/** What the browser would put in clientDataJSON and hash into the rp id, overridable to attack. */
export interface ClientOverrides {
  /** The page's origin (the browser writes the real one). */
  origin: string;
  /** An rp id other than the options' (the authenticator hashes it into authenticator data). */
  rpId?: string;
  /** A challenge other than the options' (an answer to another ceremony). */
  challenge?: string;
  /** The counter this assertion reports instead of the next one. */
  counter?: number;
  /** Leave the user-verified flag off (a device without PIN or biometrics). */
  unverified?: boolean;
}

interface StoredCredential {
  id: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

export type AttestationFormat = 'none' | 'packed';

/**
 * A platform authenticator holding discoverable credentials. `create` answers
 * navigator.credentials.create()'s options with a RegistrationResponseJSON, `get` answers
 * navigator.credentials.get()'s with an AuthenticationResponseJSON, as the browser would send them.
 */
export class SoftwareAuthenticator {
  readonly format: AttestationFormat;
  readonly aaguid: Buffer;
  private readonly credentials: StoredCredential[];

  constructor(format: AttestationFormat = 'none', credentials: StoredCredential[] = []) {
    this.format = format;
    // 'none' attestation carries a zero AAGUID, as browsers anonymise it.
    this.aaguid = format === 'none' ? Buffer.alloc(16) : randomBytes(16);
    this.credentials = credentials;
  }

  /** A copy of this authenticator, keys and counters included: a cloned security key. */
  clone(): SoftwareAuthenticator {
    return new SoftwareAuthenticator(
      this.format,
      this.credentials.map((credential) => ({ ...credential })),
    );
  }

  /** The base64url ids of the credentials it holds. */
  credentialIds(): string[] {
    return this.credentials.map((credential) => b64url(credential.id));
  }

  create(optionsJson: string, client: ClientOverrides) {
    const options = JSON.parse(optionsJson) as CreationOptions;
    if (!options.pubKeyCredParams.some((param) => param.alg === -7)) throw new Error('ES256 not offered');
    const rpId = client.rpId ?? options.rp.id!;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const credential: StoredCredential = {
      id: randomBytes(32),
      privateKey,
      publicKey,
      rpId,
      userHandle: options.user.id,
      counter: 0,
    };
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = encodeCbor(
      new Map<number, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credential.id.length);
    const authData = Buffer.concat([
      this.authDataHead(rpId, FLAG_UP | FLAG_AT | (client.unverified ? 0 : FLAG_UV), credential.counter),
      this.aaguid,
      idLength,
      credential.id,
      coseKey,
    ]);
    const clientDataJSON = this.clientData('webauthn.create', options.challenge, client);
    const attStmt =
      this.format === 'packed'
        ? new Map<string, Cbor>([
            ['alg', -7],
            ['sig', sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), privateKey)],
          ])
        : new Map<string, Cbor>();
    const attestationObject = encodeCbor(
      new Map<string, Cbor>([
        ['fmt', this.format],
        ['attStmt', attStmt],
        ['authData', authData],
      ]),
    );
    this.credentials.push(credential);
    const id = b64url(credential.id);
    return {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
    };
  }

  /**
   * Signs the challenge with the credential for the options' rp id (the first allowed one, or the
   * first it holds, as a discoverable credential), its counter moved on by one.
   */
  get(optionsJson: string, client: ClientOverrides, credentialId?: string) {
    const options = JSON.parse(optionsJson) as RequestOptions;
    const allowed = options.allowCredentials?.map((c) => c.id) ?? [];
    const credential = this.credentials.find(
      (c) =>
        (credentialId ? b64url(c.id) === credentialId : !allowed.length || allowed.includes(b64url(c.id))) &&
        c.rpId === (options.rpId ?? c.rpId),
    );
    if (!credential) throw new Error('no credential for this relying party');
    credential.counter += 1;
    const counter = client.counter ?? credential.counter;
    const authData = this.authDataHead(
      client.rpId ?? credential.rpId,
      FLAG_UP | (client.unverified ? 0 : FLAG_UV),
      counter,
    );
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, client);
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(clientDataJSON)]),
      credential.privateKey,
    );
    const id = b64url(credential.id);
    return {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
    };
  }

  private authDataHead(rpId: string, flags: number, counter: number): Buffer {
    const signCount = Buffer.alloc(4);
    signCount.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), signCount]);
  }

  private clientData(type: string, challenge: string, client: ClientOverrides): Buffer {
    return Buffer.from(
      JSON.stringify({
        type,
        challenge: client.challenge ?? challenge,
        origin: client.origin,
        crossOrigin: false,
      }),
    );
  }
}
