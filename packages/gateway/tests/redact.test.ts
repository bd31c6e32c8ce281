import { TokenomicsError } from '@tokenomics/core';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { redactLogText } from '../src/logger.js';
import { fixedSupplyAdapter } from './fixtures.js';

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

describe('/health', () => {
  it('cuts the paths of URLs in source descriptions and error messages (keys ride in paths)', async () => {
    const described = fixedSupplyAdapter('described', {
      read: async () => ({
        state: null,
        info: {
          kind: 'LIVE',
          description: 'read via https://u:p@rpc.example/v2/PATHKEY?apikey=SECRET',
          fetchedAt: new Date(),
          stale: false,
        },
      }),
    });
    const failing = fixedSupplyAdapter('failing', {
      read: async () => {
        throw new TokenomicsError(
          'UPSTREAM_UNAVAILABLE',
          'pool via https://rpc.example/v2/PATHKEY failed: no backend for https://rpc.example/v2/PATHKEY/x',
        );
      },
    });
    const gateway = createGateway({ adapters: [described, failing], logger: pino({ level: 'silent' }) });
    const text = await (await gateway.yoga.fetch('http://gateway.test/health')).text();
    expect(text).not.toMatch(/PATHKEY|SECRET|u:p/);
    const report = JSON.parse(text) as {
      protocols: Array<{ source?: { description: string }; error?: { message: string } }>;
    };
    expect(report.protocols[0]?.source?.description).toBe('read via https://rpc.example/…');
    expect(report.protocols[1]?.error?.message).toBe(
      'pool via https://rpc.example/… failed: no backend for https://rpc.example/…',
    );
  });
});
