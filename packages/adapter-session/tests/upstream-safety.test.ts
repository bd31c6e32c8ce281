import { createDirectReader, type JsonValue, type UpstreamRequest } from '@tokenomics/core';
import { type LoopbackServer, listenOnLoopback } from '@tokenomics/core/testing/loopback';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { sessionAdapter } from '../src/index.js';
import { type FakeArbitrum, startFakeArbitrum } from '../src/testing/fake-arbitrum.js';
import { context, recordingReader, rejectsWithCode } from './helpers.js';

const SECRETS = /pass|SECRET/;
const MiB = 1_048_576;
/** An RPC URL with credentials and an API key, as providers hand them out. */
const withSecrets = (url: string) => url.replace('http://', 'http://user:pass@').concat('?apikey=SECRET');

let chain: FakeArbitrum;
beforeAll(async () => {
  chain = await startFakeArbitrum();
});
afterAll(async () => {
  await chain.close();
});
afterEach(() => chain.reset());

describe('an RPC URL with credentials and an API key', () => {
  const economy = () => sessionAdapter({ live: { rpcUrl: withSecrets(chain.url) } });

  test('reads, and the source description shows neither', async () => {
    const info = await economy().source(context(recordingReader()));
    expect(info.kind).toBe('LIVE');
    expect(info.description).toContain('via http://127.0.0.1:');
    expect(info.description).not.toMatch(SECRETS);
  });

  test.each([
    ['an HTTP 500', { mode: 'http-500' as const }],
    ['a JSON-RPC error', { mode: 'rpc-error' as const, functionName: 'totalNodes' }],
    ['a body that is not JSON', { mode: 'not-json' as const }],
  ])('keeps both out of the error on %s, its cause included', async (_name, failure) => {
    chain.fail(failure);
    const error = await rejectsWithCode(economy().source(context(recordingReader())), 'UPSTREAM_UNAVAILABLE');
    const cause = error.cause as Error | undefined;
    expect(cause).toBeInstanceOf(Error);
    expect(JSON.stringify([error.message, error.details, cause?.message, cause?.stack])).not.toMatch(SECRETS);
  });
});

describe('parse: a kept reading is checked as a fresh one', () => {
  /** The live source's requests, and what each read fresh from the fake chain. */
  async function requests() {
    const seen = new Map<string, UpstreamRequest<JsonValue>>();
    const reader = recordingReader();
    const read = reader.read.bind(reader);
    reader.read = (request) => {
      seen.set(request.key, request as UpstreamRequest<JsonValue>);
      return read(request);
    };
    await sessionAdapter({ live: { rpcUrl: chain.url } }).source(context(reader));
    const fresh = new Map<string, JsonValue>();
    for (const request of seen.values()) fresh.set(request.key, (await read(request)).value);
    return { seen: [...seen.values()], fresh };
  }

  test('a fresh reading passes; an edited one does not', async () => {
    const { seen, fresh } = await requests();
    const nodes = seen.find((request) => request.resource?.startsWith('ServiceNodeRewards'))!;
    const pool = seen.find((request) => request.resource?.startsWith('RewardRatePool'))!;
    const nodesValue = fresh.get(nodes.key) as Record<string, JsonValue>;
    expect(nodes.parse?.(nodesValue)).toEqual(nodesValue);
    const tampered = [
      { ...nodesValue, totalNodes: 7 },
      { ...nodesValue, totalNodes: '-7' },
      { ...nodesValue, totalNodes: 'seven' },
      { ...nodesValue, extra: '1' },
    ];
    for (const value of tampered) expect(() => nodes.parse?.(value)).toThrow(/unexpected shape/);
    const poolValue = fresh.get(pool.key) as Record<string, JsonValue>;
    expect(pool.parse?.(poolValue)).toEqual(poolValue);
    // Which chain is right is the plausibility rules' call (with the whole state); the shape wants a chain id.
    for (const chainId of ['42161', -1, 1.5]) {
      expect(() => pool.parse?.({ ...poolValue, chainId })).toThrow(/unexpected shape/);
    }
  });
});

describe('the body cap', () => {
  let server: LoopbackServer;
  const sent = { bytes: 0, closed: false };
  beforeAll(async () => {
    server = await listenOnLoopback((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.on('close', () => {
        sent.closed = true;
      });
      const pump = () => {
        while (sent.bytes < 100 * MiB && !sent.closed) {
          sent.bytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!sent.closed) res.end();
      };
      pump();
    });
  });
  afterAll(async () => {
    await server.close();
  });

  test('a 100 MB answer is cut off at the cap, with an error naming the call', async () => {
    const economy = sessionAdapter({ live: { rpcUrl: `http://127.0.0.1:${server.port}/` } });
    const reader = createDirectReader({ timeoutMs: 10_000, retries: 0, maxBodyBytes: MiB });
    const error = await rejectsWithCode(economy.source(context(reader)), 'UPSTREAM_UNAVAILABLE');
    // The configured cap, not viem's default of 10 MiB.
    expect((error.cause as Error).message).toContain(`Max: ${MiB} bytes`);
    // The first read, the latest block, is cut off.
    expect(error.message).toMatch(
      /^JSON-RPC\.eth_getBlockByNumber via http:\/\/127\.0\.0\.1:\d+: .*size limit/,
    );
    await expect.poll(() => sent.closed, { timeout: 5_000 }).toBe(true);
    expect(sent.bytes).toBeLessThan(20 * MiB);
  });
});
