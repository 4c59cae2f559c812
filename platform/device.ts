import Bowser from 'bowser';
/** How a user agent is classified, the same in every subgraph and the gateway. */
export type DeviceType = 'DESKTOP' | 'MOBILE' | 'TABLET' | 'BOT' | 'UNKNOWN';

/** User agents remembered; beyond, the memory starts afresh (a few distinct ones make most traffic). */
const REMEMBERED = 2_000;
const known = new Map<string, DeviceType>();

/**
 * Command-line tools and HTTP libraries: automated clients, as crawlers are. Bowser knows the
 * crawlers, not these.
 */
const HTTP_CLIENT =
  /^(curl|wget|httpie|python-requests|python-urllib|python-httpx|aiohttp|go-http-client|axios|node-fetch|undici|got|okhttp|java|apache-httpclient|postmanruntime|insomnia|libwww-perl|ruby|faraday|guzzlehttp|dart)\b/i;

/**
 * Classifies a user agent with bowser (MIT; it recognizes crawlers as the `bot` platform); a
 * browser with no platform type is a desktop. Parsing runs regular expressions on every request
 * of the access log, so each distinct user agent is parsed once.
 */
export function deviceTypeOf(userAgent: string | null | undefined): DeviceType {
  if (!userAgent) return 'UNKNOWN';
  let type = known.get(userAgent);
  if (!type) {
    if (known.size >= REMEMBERED) known.clear();
    known.set(userAgent, (type = classify(userAgent)));
  }
  return type;
}

function classify(userAgent: string): DeviceType {
  if (HTTP_CLIENT.test(userAgent)) return 'BOT';
  const result = Bowser.parse(userAgent);
  switch (result.platform.type) {
    case 'bot':
      return 'BOT';
    case 'mobile':
      return 'MOBILE';
    case 'tablet':
      return 'TABLET';
    case 'desktop':
      return 'DESKTOP';
    case undefined:
      return result.browser.name ? 'DESKTOP' : 'UNKNOWN';
    default:
      return 'UNKNOWN';
  }
}
