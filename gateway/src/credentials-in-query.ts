import { ErrorCode } from '../../platform/errors.ts';
import { HttpError } from '../../platform/http.ts';

// Credentials belong in the Authorization header: a URL ends up in access logs, proxies and
// browser history. A request carrying one in its query string is refused, whatever else it has.
const CREDENTIAL_PARAMS = new Set([
  'api_key',
  'apikey',
  'api-key',
  'key',
  'access_token',
  'token',
  'secret',
  'authorization',
  'bearer',
]);
/** An API key (`stw_<prefix>_…`) anywhere in a value, also inside GET `variables` JSON. */
const API_KEY_IN_VALUE = /stw_[A-Za-z0-9]{8}_/;

export function hasCredentialsInQuery(url: string | undefined): boolean {
  const query = (url ?? '').split('?').slice(1).join('?');
  if (!query) return false;
  for (const [name, value] of new URLSearchParams(query)) {
    if (CREDENTIAL_PARAMS.has(name.toLowerCase()) || API_KEY_IN_VALUE.test(value)) return true;
  }
  return false;
}

/** Throws 401 UNAUTHENTICATED when the URL carries a credential; call before authenticating. */
export function refuseCredentialsInQuery(url: string | undefined): void {
  if (hasCredentialsInQuery(url))
    throw new HttpError(
      401,
      ErrorCode.UNAUTHENTICATED,
      'Credentials are accepted only in the Authorization header',
    );
}
