import { describe, expect, it } from '@jest/globals';
import { deviceTypeOf } from './device.ts';

const AGENTS = {
  chrome:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  android:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  androidTablet:
    'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  bingbot: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
};

describe('device types', () => {
  it('classifies browsers, phones, tablets and bots; nothing known is UNKNOWN', () => {
    expect(deviceTypeOf(AGENTS.chrome)).toBe('DESKTOP');
    expect(deviceTypeOf(AGENTS.iphone)).toBe('MOBILE');
    expect(deviceTypeOf(AGENTS.ipad)).toBe('TABLET');
    expect(deviceTypeOf(AGENTS.googlebot)).toBe('BOT');
    expect(deviceTypeOf('x')).toBe('UNKNOWN');
    expect(deviceTypeOf('node')).toBe('UNKNOWN');
    expect(deviceTypeOf(null)).toBe('UNKNOWN');
    expect(deviceTypeOf('')).toBe('UNKNOWN');
  });

  it('more phones, tablets, desktops and crawlers; command-line tools and HTTP libraries are bots', () => {
    expect(deviceTypeOf(AGENTS.android)).toBe('MOBILE');
    expect(deviceTypeOf(AGENTS.androidTablet)).toBe('TABLET');
    expect(deviceTypeOf(AGENTS.firefox)).toBe('DESKTOP');
    expect(deviceTypeOf(AGENTS.bingbot)).toBe('BOT');
    for (const client of [
      'curl/8.5.0',
      'Wget/1.21.3',
      'python-requests/2.31.0',
      'Go-http-client/1.1',
      'undici',
    ]) {
      expect(deviceTypeOf(client)).toBe('BOT');
    }
  });

  it('answers the same for a user agent seen before, and after many others', () => {
    for (let i = 0; i < 2_500; i++) deviceTypeOf(`${AGENTS.googlebot} ${i}`);
    expect(deviceTypeOf(AGENTS.iphone)).toBe('MOBILE');
    expect(deviceTypeOf(AGENTS.iphone)).toBe('MOBILE');
    expect(deviceTypeOf(`${AGENTS.chrome} `)).toBe('DESKTOP');
  });
});
