import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAdapters, loadConfig } from '../src/index.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tokenomics-config-'));
}

function configFile(contents: unknown): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'gateway.config.json');
  writeFileSync(file, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return { dir, file };
}

describe('loadConfig', () => {
  it('needs nothing: both built-in protocols from their snapshot presets on port 4000', () => {
    const config = loadConfig({ env: {}, cwd: tempDir() });
    expect(config).toMatchObject({
      port: 4000,
      production: false,
      compiledExecution: true,
      protocols: [
        { adapter: 'session', options: {} },
        { adapter: 'synternet', options: {} },
      ],
      cache: { url: null, ttlSeconds: 30, opTimeoutMs: 250 },
      upstreamTimeoutMs: 3000,
      upstreamMaxBodyBytes: 1_048_576,
      upstreamCircuit: { failures: 5, cooldownMs: 10_000 },
      limits: {
        maxSchedulePoints: 10_000,
        maxDepth: 15,
        maxCost: 20_000,
        maxAliases: 30,
        maxTokens: 2_000,
        maxBodyBytes: 102_400,
      },
    });
  });

  it('takes WORKERS as a count or "auto" (one per core)', () => {
    expect(loadConfig({ env: { WORKERS: '3' }, cwd: tempDir() }).workers).toBe(3);
    expect(loadConfig({ env: { WORKERS: 'auto' }, cwd: tempDir() }).workers).toBe(availableParallelism());
    expect(loadConfig({ env: {}, cwd: tempDir() }).workers).toBe(1);
  });

  it('takes the environment: port, presets, live endpoints, cache', () => {
    const config = loadConfig({
      cwd: tempDir(),
      env: {
        PORT: '8080',
        NODE_ENV: 'production',
        SESSION_PRESET: 'tge-2025-05-21',
        SESSION_RPC_URL: 'http://127.0.0.1:8545',
        SYNTERNET_LCD_URL: 'http://127.0.0.1:1317',
        CACHE_URL: 'redis://127.0.0.1:6379',
        CACHE_TTL_SECONDS: '10',
      },
    });
    expect(config).toMatchObject({
      port: 8080,
      production: true,
      cache: { url: 'redis://127.0.0.1:6379', ttlSeconds: 10 },
      protocols: [
        {
          adapter: 'session',
          options: { preset: 'tge-2025-05-21', live: { rpcUrl: 'http://127.0.0.1:8545' } },
        },
        { adapter: 'synternet', options: { live: { lcdUrl: 'http://127.0.0.1:1317' } } },
      ],
    });
  });

  it('takes the cache operation timeout, body cap and circuit from the file and the environment', () => {
    const { dir } = configFile({
      cache: { opTimeoutMs: 100 },
      upstreamMaxBodyBytes: 65_536,
      upstreamCircuit: { failures: 3, cooldownMs: 5_000 },
    });
    expect(loadConfig({ cwd: dir, env: {} })).toMatchObject({
      cache: { opTimeoutMs: 100 },
      upstreamMaxBodyBytes: 65_536,
      upstreamCircuit: { failures: 3, cooldownMs: 5_000 },
    });
    expect(
      loadConfig({ cwd: dir, env: { CACHE_OP_TIMEOUT_MS: '400', UPSTREAM_MAX_BODY_BYTES: '2048' } }),
    ).toMatchObject({ cache: { opTimeoutMs: 400 }, upstreamMaxBodyBytes: 2_048 });
  });

  it('reads gateway.config.json, with the environment on top', () => {
    const { dir } = configFile({
      port: 5000,
      protocols: [{ adapter: 'synternet', options: { id: 'synt', preset: 'chain-2025' } }],
      limits: { maxSchedulePoints: 500 },
      compiledExecution: false,
    });
    const config = loadConfig({ cwd: dir, env: { PORT: '5001' } });
    expect(config.port).toBe(5001);
    expect(config.compiledExecution).toBe(false);
    expect(config.protocols).toEqual([
      { adapter: 'synternet', options: { id: 'synt', preset: 'chain-2025' } },
    ]);
    expect(config.limits.maxSchedulePoints).toBe(500);
    expect(config.limits.maxDepth).toBe(15);
  });

  it.each([
    [{ PORT: 'eighty' }, 'port: port must be an integer from 0 to 65535'],
    [{ PORT: '70000' }, 'port: port must be an integer from 0 to 65535'],
    [{ CACHE_URL: 'http://cache' }, 'cache.url: cache.url must be a redis:// or rediss:// URL'],
    [{ CACHE_TTL_SECONDS: '0' }, 'cache.ttlSeconds: cache.ttlSeconds must be an integer from 1 to 86400'],
    [
      { CACHE_OP_TIMEOUT_MS: '5' },
      'cache.opTimeoutMs: cache.opTimeoutMs must be an integer from 10 to 10000',
    ],
    [
      { UPSTREAM_MAX_BODY_BYTES: '1' },
      'upstreamMaxBodyBytes: upstreamMaxBodyBytes must be an integer from 1024 to 104857600',
    ],
    [{ MAX_SCHEDULE_POINTS: '-1' }, 'limits.maxSchedulePoints: limits.maxSchedulePoints must be an integer'],
    [{ LOG_LEVEL: 'loud' }, 'logLevel: logLevel must be one of debug, info, warn, error, silent'],
    [{ WORKERS: 'many' }, 'workers: workers must be an integer from 1 to 64, or "auto"'],
  ])('refuses %j with an error naming the setting', (env, message) => {
    expect(() => loadConfig({ env, cwd: tempDir() })).toThrowError(
      expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringContaining(message) }),
    );
  });

  it('refuses a file with unknown keys, bad JSON, or no protocols, naming the file', () => {
    const unknown = configFile({ prot: [] });
    expect(() => loadConfig({ cwd: unknown.dir, env: {} })).toThrowError(
      expect.objectContaining({ message: expect.stringContaining(unknown.file) }),
    );
    expect(() => loadConfig({ cwd: unknown.dir, env: {} })).toThrowError(/Unrecognized key: "prot"/);
    const broken = configFile('{ "port": ');
    expect(() => loadConfig({ cwd: broken.dir, env: {} })).toThrowError(/is not valid JSON/);
    const empty = configFile({ protocols: [] });
    expect(() => loadConfig({ cwd: empty.dir, env: {} })).toThrowError(
      /protocols must name at least one adapter/,
    );
  });

  it('refuses a GATEWAY_CONFIG that does not exist', () => {
    expect(() => loadConfig({ cwd: tempDir(), env: { GATEWAY_CONFIG: 'nope.json' } })).toThrowError(
      /does not exist/,
    );
  });
});

describe('createAdapters', () => {
  it('builds the built-in adapters in configuration order, with their options', async () => {
    const adapters = await createAdapters({
      baseDir: tempDir(),
      protocols: [
        { adapter: 'synternet', options: { id: 'synt-b' } },
        { adapter: 'session', options: { preset: 'tge-2025-05-21' } },
      ],
    });
    expect(adapters.map((adapter) => [adapter.id, adapter.preset])).toEqual([
      ['synt-b', 'seed'],
      ['session', 'tge-2025-05-21'],
    ]);
  });

  it('refuses an adapter that cannot be found, and options the adapter refuses', async () => {
    await expect(
      createAdapters({ baseDir: tempDir(), protocols: [{ adapter: 'nonexistent-adapter', options: {} }] }),
    ).rejects.toMatchObject({
      code: 'CONFIGURATION',
      message: expect.stringContaining(
        'adapter "nonexistent-adapter" is neither built in (session, synternet)',
      ),
    });
    await expect(
      createAdapters({
        baseDir: tempDir(),
        protocols: [{ adapter: 'session', options: { preset: 'nope' } }],
      }),
    ).rejects.toMatchObject({
      code: 'CONFIGURATION',
      message: expect.stringContaining('protocols.0 (session)'),
    });
  });

  it('loads an adapter module by path that exports createAdapter', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'tiny-adapter.mjs'),
      `export function createAdapter(options) {
        return { id: options.id ?? 'tiny', name: 'Tiny', token: { symbol: 'TNY', name: 'Tiny', decimals: 0 },
          capabilities: [], preset: 'none', source: async () => ({ kind: 'SNAPSHOT', description: 'none', fetchedAt: null, stale: false }),
          parameters: async () => [] };
      }`,
    );
    const [tiny] = await createAdapters({
      baseDir: dir,
      protocols: [{ adapter: './tiny-adapter.mjs', options: { id: 'tiny-1' } }],
    });
    expect(tiny?.id).toBe('tiny-1');
  });
});
