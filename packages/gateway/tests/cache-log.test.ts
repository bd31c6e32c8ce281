import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { cacheEventLogger } from '../src/cache-log.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('cacheEventLogger', () => {
  it('logs failures at warn and leaves hits, misses, coalesced reads and good reads out', () => {
    const { logger, lines } = capture();
    const log = cacheEventLogger(logger);
    log({ type: 'hit', key: 'a', resource: 'a' });
    log({ type: 'miss', key: 'a', resource: 'a' });
    log({ type: 'coalesced', key: 'a', resource: 'a' });
    log({ type: 'upstream', key: 'a', resource: 'a', ok: true, ms: 3 });
    expect(lines).toEqual([]);
    log({
      type: 'upstream',
      key: 'v2:0f',
      resource: 'GET https://u:p@lcd.example/pool?k=1',
      ok: false,
      ms: 40,
    });
    log({ type: 'stale', key: 'v2:1a', resource: 'b', ageMs: 60_000, reason: 'failed' });
    log({ type: 'store-error', key: 'c', error: 'READONLY at redis://:pw@h:6379' });
    log({ type: 'store-error', key: 'd', error: 'a string' });
    expect(
      lines.map(({ level, msg, resource, ms, ageMs, error }) => ({ level, msg, resource, ms, ageMs, error })),
    ).toEqual([
      { level: 40, msg: 'upstream read failed', resource: 'GET https://lcd.example/…', ms: 40 },
      { level: 40, msg: 'serving the last good value (stale)', resource: 'b', ageMs: 60_000 },
      {
        level: 40,
        msg: 'cache store failed',
        resource: 'c',
        error: { message: 'READONLY at redis://h:6379' },
      },
      { level: 40, msg: 'cache store failed', resource: 'd', error: { message: 'a string' } },
    ]);
  });

  it('prefers the resource an event names, and its code', () => {
    const { logger, lines } = capture();
    const log = cacheEventLogger(logger);
    const event = {
      type: 'upstream' as const,
      key: 'raw key with https://u:SECRET@rpc.example/KEY',
      resource: 'totalSupply() via https://rpc.example/…',
      host: 'rpc.example',
      ok: false,
      ms: 5,
      error: 'timed out at https://u:SECRET@rpc.example/KEY',
    };
    log(event);
    expect(lines[0]).toMatchObject({
      resource: 'totalSupply() via https://rpc.example/…',
      host: 'rpc.example',
      error: { message: 'timed out at https://rpc.example/…' },
    });
    expect(JSON.stringify(lines)).not.toContain('SECRET');
  });

  it("names a store failure's resource and code, and a stale value's reason", () => {
    const { logger, lines } = capture();
    const log = cacheEventLogger(logger);
    log({
      type: 'store-error',
      key: 'v2:0f',
      resource: 'GET https://u:p@lcd.example/pool?k=1',
      error: 'connection lost to redis://:pw@h:6379',
      code: 'ECONNRESET',
    });
    log({ type: 'stale', key: 'v2:0f', resource: 'GET /pool', ageMs: 40_000, reason: 'expired' });
    expect(lines).toMatchObject([
      {
        level: 40,
        msg: 'cache store failed',
        resource: 'GET https://lcd.example/…',
        error: { code: 'ECONNRESET', message: 'connection lost to redis://h:6379' },
      },
      {
        level: 30,
        msg: 'serving the last good value (out of date)',
        resource: 'GET /pool',
        reason: 'expired',
      },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/v2:0f|:p@|pw/);
  });

  it('logs a repeated failure once per resource and window, then counts what it left out', () => {
    const { logger, lines } = capture();
    let now = 0;
    const log = cacheEventLogger(logger, { windowMs: 10_000, now: () => now });
    for (let i = 0; i < 50; i++) log({ type: 'upstream', key: 'a', resource: 'a', ok: false, ms: 1 });
    log({ type: 'upstream', key: 'b', resource: 'b', ok: false, ms: 1 });
    log({ type: 'stale', key: 'a', resource: 'a', ageMs: 1, reason: 'failed' });
    expect(lines.map((line) => [line.msg, line.resource, line.suppressed])).toEqual([
      ['upstream read failed', 'a', undefined],
      ['upstream read failed', 'b', undefined],
      ['serving the last good value (stale)', 'a', undefined],
    ]);
    now = 9_999;
    log({ type: 'upstream', key: 'a', resource: 'a', ok: false, ms: 1 });
    expect(lines).toHaveLength(3);
    now = 10_000;
    log({ type: 'upstream', key: 'a', resource: 'a', ok: false, ms: 1 });
    expect(lines[3]).toMatchObject({ msg: 'upstream read failed', resource: 'a', suppressed: 50 });
  });
});
