import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { badInput } from '../../../../platform/errors.ts';

/** A browser's answer is a few kilobytes; anything far larger is refused before it is parsed. */
const MAX_RESPONSE_LENGTH = 64 * 1024;

const Base64Url = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'not base64url')
  .max(MAX_RESPONSE_LENGTH);

const Common = {
  id: Base64Url.max(1366),
  rawId: Base64Url.max(1366),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  // Extension outputs are not used: dropped rather than trusted.
  clientExtensionResults: z.unknown().transform(() => ({})),
};

const RegistrationResponse = z.object({
  ...Common,
  response: z.object({
    clientDataJSON: Base64Url,
    attestationObject: Base64Url,
    authenticatorData: Base64Url.optional(),
    transports: z
      .array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']))
      .max(10)
      .optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: Base64Url.optional(),
  }),
});

const AuthenticationResponse = z.object({
  ...Common,
  response: z.object({
    clientDataJSON: Base64Url,
    authenticatorData: Base64Url,
    signature: Base64Url,
    userHandle: Base64Url.optional(),
  }),
});

const ClientData = z.object({ type: z.string(), challenge: Base64Url.max(1024), origin: z.string() });

function parseJson<T>(schema: z.ZodType<T>, raw: string): T {
  if (raw.length > MAX_RESPONSE_LENGTH) throw badInput('The passkey response is too large', 'response');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badInput('The passkey response is not JSON', 'response');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badInput('The passkey response is not a WebAuthn credential', 'response');
  return parsed.data;
}

/** What the browser sent as its clientDataJSON, decoded (not yet trusted: verification checks it). */
export function clientDataOf(response: { response: { clientDataJSON: string } }): z.infer<typeof ClientData> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    throw badInput('The passkey response has no readable client data', 'response');
  }
  const parsed = ClientData.safeParse(value);
  if (!parsed.success) throw badInput('The passkey response has no readable client data', 'response');
  return parsed.data;
}

/** The credential JSON of navigator.credentials.create(), as the browser serialises it. */
export function parseRegistrationResponse(raw: string): RegistrationResponseJSON {
  const response = parseJson(RegistrationResponse, raw);
  clientDataOf(response);
  return response;
}

/** The credential JSON of navigator.credentials.get(), as the browser serialises it. */
export function parseAuthenticationResponse(raw: string): AuthenticationResponseJSON {
  const response = parseJson(AuthenticationResponse, raw);
  clientDataOf(response);
  return response;
}
