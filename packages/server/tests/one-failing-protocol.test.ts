import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionAdapter } from '@tokenomics/adapter-session';
import { type FakeArbitrum, startFakeArbitrum } from '@tokenomics/adapter-session/testing';
import { synternetAdapter } from '@tokenomics/adapter-synternet';
import { SYNTERNET_GENESIS_STATE } from '@tokenomics/adapter-synternet/testing';
import { type FakeLcd, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { createGateway, type Gateway } from '@tokenomics/gateway';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseBody } from '../../gateway/tests/fixtures.js';
import { createAdapters, loadConfig } from './server-config.js';

/**
 * One live upstream down, nothing read from it yet (no last good state): the
 * other protocol's answer stays whole, and the failing protocol's list fields
 * (`parameters`, `unlocks`, `fees`, `penalties`: non-null lists) answer from
 * its preset, with the preset's sources, while `source.error` says why. Over
 * real HTTP, with fake upstreams on loopback.
 */
const LISTS =
  'parameters { key value source assumption } unlocks { bucket kind start end amount steps } fees { key parameters { key value } destinations { target share } } penalties { key parameters { key value } }';
const QUERY = `{ protocols { id source { kind stale error { code } } ${LISTS} } }`;

let chain: FakeArbitrum;
let lcd: FakeLcd;
beforeAll(async () => {
  [chain, lcd] = await Promise.all([startFakeArbitrum(), startFakeLcd({ base: SYNTERNET_GENESIS_STATE })]);
});
afterEach(() => {
  chain.fail(null);
  lcd.setFault('*', null);
});
afterAll(async () => {
  await Promise.all([chain.close(), lcd.close()]);
});

async function request(url: string, query: string): Promise<{ status: number; body: ResponseBody }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

/** A gateway on loopback, answering `query` once and closing. */
async function answer(gateway: Gateway, query: string) {
  const running = await gateway.listen(0, '127.0.0.1');
  try {
    return await request(running.url, query);
  } finally {
    await Promise.all([running.close(), gateway.close()]);
  }
}

/** A fresh live gateway over both fakes (a cold cache: no last good state). */
async function liveGateway(): Promise<Gateway> {
  const config = loadConfig({
    cwd: mkdtempSync(join(tmpdir(), 'tokenomics-one-failing-')),
    env: { SESSION_RPC_URL: chain.url, SYNTERNET_LCD_URL: lcd.url },
  });
  return createGateway({
    adapters: await createAdapters(config),
    upstreamTimeoutMs: 1_000,
    production: true,
    logger: pino({ level: 'silent' }),
  });
}

/** The lists of the presets the live adapters start from (Session tge-2025-05-21, Synternet chain-2025). */
async function presetLists(): Promise<Record<string, ResponseBody>> {
  const snapshot = createGateway({
    adapters: [sessionAdapter({ preset: 'tge-2025-05-21' }), synternetAdapter({ preset: 'chain-2025' })],
    production: true,
    logger: pino({ level: 'silent' }),
  });
  const { body } = await answer(snapshot, `{ protocols { id ${LISTS} } }`);
  expect(body.errors).toBeUndefined();
  return Object.fromEntries(body.data.protocols.map(({ id, ...lists }: { id: string }) => [id, lists]));
}

/** Session's scheduled lockups in the TGE preset, as the adapter lists them. */
const UNLOCKED_BUCKETS = ['locked-A', 'locked-B', 'locked-D', 'locked-F'];

const byId = (body: ResponseBody, id: string) =>
  body.data.protocols.find((protocol: { id: string }) => protocol.id === id);

describe('one failing live upstream never blanks the others', () => {
  it('Session RPC down: `{ protocols { id unlocks { bucket } } }` keeps both protocols (the reported query)', async () => {
    chain.fail('http-500');
    const { status, body } = await answer(await liveGateway(), '{ protocols { id unlocks { bucket } } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.protocols).toEqual([
      { id: 'session', unlocks: UNLOCKED_BUCKETS.map((bucket) => ({ bucket })) },
      { id: 'synternet', unlocks: [] },
    ]);
  });

  it('Session RPC down: its lists come from its preset, with the preset sources; Synternet is read live', async () => {
    chain.fail('http-500');
    const preset = await presetLists();
    const { status, body } = await answer(await liveGateway(), QUERY);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const session = byId(body, 'session');
    expect(session.source).toEqual({ kind: 'LIVE', stale: false, error: { code: 'UPSTREAM_UNAVAILABLE' } });
    const { id: _id, source: _source, ...lists } = session;
    expect(lists).toEqual(preset.session);
    expect(session.parameters.find((p: { key: string }) => p.key === 'networkSize')).toMatchObject({
      value: preset.session.parameters.find((p: { key: string }) => p.key === 'networkSize').value,
    });
    expect(session.parameters.some((p: { source: string }) => p.source.startsWith('chain:'))).toBe(false);
    expect(session.unlocks.map((u: { bucket: string }) => u.bucket)).toEqual(UNLOCKED_BUCKETS);
    const synternet = byId(body, 'synternet');
    expect(synternet.source).toEqual({ kind: 'LIVE', stale: false, error: null });
    expect(synternet.parameters.some((p: { source: string }) => p.source.startsWith('chain:'))).toBe(true);
    expect(synternet.penalties.map((p: { key: string }) => p.key)).toEqual(['downtime', 'double-sign']);
  });

  it('Synternet LCD down: its lists come from its preset; Session is read live', async () => {
    lcd.setFault('*', { kind: 'status', status: 500 });
    const preset = await presetLists();
    const { status, body } = await answer(await liveGateway(), QUERY);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const synternet = byId(body, 'synternet');
    expect(synternet.source).toEqual({ kind: 'LIVE', stale: false, error: { code: 'UPSTREAM_UNAVAILABLE' } });
    const { id: _id, source: _source, ...lists } = synternet;
    expect(lists).toEqual(preset.synternet);
    expect(synternet.fees.map((f: { key: string }) => f.key)).toEqual(['pay-per-data', 'pay-per-message']);
    const session = byId(body, 'session');
    expect(session.source).toEqual({ kind: 'LIVE', stale: false, error: null });
    expect(session.parameters.some((p: { source: string }) => p.source.startsWith('chain:'))).toBe(true);
  });

  it('the figures of the failing protocol stay null with its coded error; a bad override is still refused', async () => {
    chain.fail('http-500');
    const { body } = await answer(
      await liveGateway(),
      '{ protocols { id supply { total } parameters(overrides: [{ key: "stakingRequirement", value: "-1" }]) { key } } }',
    );
    // A client's bad override nulls the answer as before (a non-null list refusing its argument)...
    expect(body.data).toBeNull();
    expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toContain(
      'BAD_INPUT',
    );
    // ...while an upstream failure alone nulls only the failing protocol's figures.
    const figures = await answer(
      await liveGateway(),
      '{ protocols { id supply { total } parameters { key } } }',
    );
    expect(byId(figures.body, 'session').supply).toBeNull();
    expect(byId(figures.body, 'session').parameters.length).toBeGreaterThan(10);
    expect(byId(figures.body, 'synternet').supply.total).toMatch(/^\d+(\.\d+)?$/);
    expect(
      figures.body.errors.map((e: { extensions: { code: string; protocol: string } }) => e.extensions),
    ).toEqual([expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', protocol: 'session' })]);
  });
});
