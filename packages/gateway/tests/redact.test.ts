import { describe, expect, it } from 'vitest';
import { redactLogText } from '../src/logger.js';

describe('redactLogText', () => {
  it.each([
    ['GET https://u:p@rpc.example/v2/KEY failed', 'GET https://rpc.example/… failed'],
    ['via https://rpc.example.org/v2/APIKEY123?token=Q.', 'via https://rpc.example.org/….'],
    ['(https://lcd.example:1317)', '(https://lcd.example:1317)'],
    ['https://lcd.example/', 'https://lcd.example'],
    ['https://lcd.example?key=abc', 'https://lcd.example/…'],
    ['https://lcd.example#frag', 'https://lcd.example/…'],
    ['redis://:pw@10.0.0.5:6379 is down', 'redis://10.0.0.5:6379 is down'],
    ['rediss://user:pw@cache.internal:6380/0', 'rediss://cache.internal:6380/…'],
    ['two: http://a.example/x and wss://b.example/y?k=1', 'two: http://a.example/… and wss://b.example/…'],
    ['"https://user:secret@host.example/path"', '"https://host.example/…"'],
    ['no url here: 10.0.0.5:6379', 'no url here: 10.0.0.5:6379'],
    ['http://[::1]:8545/key', 'http://[::1]:8545/…'],
  ])('%j → %j', (text, expected) => {
    expect(redactLogText(text)).toBe(expected);
  });

  it('hides a URL it cannot parse whole', () => {
    expect(redactLogText('bad http://%zz:pw@/x end')).toBe('bad (URL redacted) end');
  });
});
