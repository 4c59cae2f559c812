import { UAParser } from 'ua-parser-js';
import { isBot } from 'ua-parser-js/helpers';
/** How a user agent is classified, the same in every subgraph and the gateway. */
export type DeviceType = 'DESKTOP' | 'MOBILE' | 'TABLET' | 'BOT' | 'UNKNOWN';

/** Classifies a user agent with ua-parser-js; a browser with no device type is a desktop. */
export function deviceTypeOf(userAgent: string | null | undefined): DeviceType {
  if (!userAgent) return 'UNKNOWN';
  const result = UAParser(userAgent);
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
