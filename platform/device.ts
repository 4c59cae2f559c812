import { UAParser } from 'ua-parser-js';
import { isBot } from 'ua-parser-js/bot-detection';
import { Bots } from 'ua-parser-js/extensions';
/** How a user agent is classified, the same in every subgraph and the gateway. */
export type DeviceType = 'DESKTOP' | 'MOBILE' | 'TABLET' | 'BOT' | 'UNKNOWN';

/** User agents remembered; beyond, the memory starts afresh (a few distinct ones make most traffic). */
const REMEMBERED = 2_000;
const known = new Map<string, DeviceType>();

/**
 * Classifies a user agent with ua-parser-js; a browser with no device type is a desktop. Parsing
 * costs about 0.1 ms (its regular expressions), paid on every request by the access log: each
 * distinct user agent is parsed once.
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
  // With the bot extension: without it crawlers, fetchers and HTTP libraries are not recognized.
  const result = UAParser(userAgent, Bots);
  if (isBot(result)) return 'BOT';
  switch (result.device.type) {
    case 'mobile':
      return 'MOBILE';
    case 'tablet':
      return 'TABLET';
    case undefined:
      return result.browser.name ? 'DESKTOP' : 'UNKNOWN';
    default:
      return 'UNKNOWN';
  }
}
