import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAdapters, loadAdapterDescriptor, loadConfig } from '../src/index.js';

/** The folder of the test adapters (tests/adapters/example-adapter.mjs: core's example economy behind a descriptor). */
const ADAPTERS = fileURLToPath(new URL('./adapters/', import.meta.url));

/**
 * The smallest adapter module, plain JavaScript with no imports: a descriptor
 * whose options schema is hand-written (anything with safeParse will do), of
 * an economy with no capabilities.
 */
const TINY_ADAPTER = `export const adapter = {
  id: 'tiny', name: 'Tiny', env: [{ name: 'TINY_ID', description: 'the id' }],
  optionsSchema: { safeParse: (options) => typeof options.id === 'string' || options.id === undefined
    ? { success: true, data: options }
    : { success: false, error: { issues: [{ path: ['id'], message: 'tiny adapter: id must be a string' }] } } },
  fromEnv: (env, options) => (env.TINY_ID ? { ...options, id: env.TINY_ID } : options),
  create: (options) => ({ id: options.id ?? 'tiny', name: 'Tiny', token: { symbol: 'TNY', name: 'Tiny', decimals: 0 },
    capabilities: [], preset: 'none', source: async () => ({ kind: 'SNAPSHOT', description: 'none', fetchedAt: null, stale: false }),
    parameters: async () => [] }),
};
export default adapter;`;

/** An app's default protocols, as a server passes them. */
const DEFAULTS = [{ adapter: '@example/adapter-alpha' }, { adapter: './beta.mjs', options: { id: 'b' } }];

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
  it("needs no file: the app's default protocols on port 4000", () => {
    const config = loadConfig({ env: {}, cwd: tempDir(), defaultProtocols: DEFAULTS });
    expect(config).toMatchObject({
      port: 4000,
      production: false,
      compiledExecution: true,
      protocols: [
        { adapter: '@example/adapter-alpha', options: {} },
        { adapter: './beta.mjs', options: { id: 'b' } },
      ],
      cache: { url: null, ttlSeconds: 30, opTimeoutMs: 250 },
      upstreamTimeoutMs: 3000,
      cors: { origins: '*' },
      introspection: true,
      metrics: { enabled: true, token: null, port: null, host: '127.0.0.1' },
      upstreamMaxBodyBytes: 1_048_576,
      upstreamCircuit: { failures: 5, cooldownMs: 10_000 },
      limits: {
        maxSchedulePoints: 10_000,
        maxDepth: 15,
        maxCost: 20_000,
        maxAliases: 30,
        maxTokens: 2_000,
        maxBodyBytes: 102_400,
        requestBudget: 50_000,
        maxStakes: 1_000,
        maxOverrides: 50,
        responseCacheBytes: 16_000_000,
        responseDocumentBytes: 8_388_608,
        maxPlans: 500,
      },
    });
  });

  it('takes the response cache bounds and the compiled plans kept from the file, checked', () => {
    const { dir } = configFile({
      limits: { responseCacheBytes: 1_048_576, responseDocumentBytes: 65_536, maxPlans: 20 },
    });
    expect(loadConfig({ cwd: dir, env: {}, defaultProtocols: DEFAULTS }).limits).toMatchObject({
      responseCacheBytes: 1_048_576,
      responseDocumentBytes: 65_536,
      maxPlans: 20,
      maxStakes: 1_000,
    });
    const { dir: bad } = configFile({ limits: { responseCacheBytes: 10, maxPlans: 0 } });
    expect(() => loadConfig({ cwd: bad, env: {}, defaultProtocols: DEFAULTS })).toThrowError(
      /limits\.responseCacheBytes: limits\.responseCacheBytes must be an integer from 1024 to 1073741824[\s\S]*limits\.maxPlans: limits\.maxPlans must be an integer from 1 to 100000/,
    );
  });

  it('takes the heavy-request settings from the file, checked', () => {
    const { dir } = configFile({
      limits: {
        heavyRequestCost: 2_000,
        maxHeavyRequests: 2,
        maxQueuedHeavyRequests: 0,
        heavyAnswerHoldMs: 0,
      },
    });
    expect(loadConfig({ cwd: dir, env: {}, defaultProtocols: DEFAULTS }).limits).toMatchObject({
      heavyRequestCost: 2_000,
      maxHeavyRequests: 2,
      maxQueuedHeavyRequests: 0,
      heavyAnswerHoldMs: 0,
    });
    expect(loadConfig({ cwd: configFile({}).dir, env: {}, defaultProtocols: DEFAULTS }).limits).toMatchObject(
      {
        heavyRequestCost: 5_000,
        maxHeavyRequests: 1,
        maxQueuedHeavyRequests: 64,
        heavyAnswerHoldMs: 2_000,
      },
    );
    const { dir: bad } = configFile({ limits: { heavyRequestCost: 0, maxHeavyRequests: 0 } });
    expect(() => loadConfig({ cwd: bad, env: {}, defaultProtocols: DEFAULTS })).toThrowError(
      /limits\.heavyRequestCost: limits\.heavyRequestCost must be an integer from 1 to 10000000[\s\S]*limits\.maxHeavyRequests: limits\.maxHeavyRequests must be an integer from 1 to 1000/,
    );
  });

  it('takes the request budget and the caps on stakes and overrides from the file, checked', () => {
    const { dir } = configFile({ limits: { requestBudget: 5_000, maxStakes: 10, maxOverrides: 4 } });
    expect(loadConfig({ cwd: dir, env: {}, defaultProtocols: DEFAULTS }).limits).toMatchObject({
      requestBudget: 5_000,
      maxStakes: 10,
      maxOverrides: 4,
    });
    const { dir: bad } = configFile({ limits: { requestBudget: 5, maxStakes: 0 } });
    expect(() => loadConfig({ cwd: bad, env: {}, defaultProtocols: DEFAULTS })).toThrowError(
      /limits\.requestBudget: limits\.requestBudget must be an integer from 100 to 10000000[\s\S]*limits\.maxStakes: limits\.maxStakes must be an integer from 1 to 100000/,
    );
  });

  it('takes the subscription caps from the file and the environment (which wins), checked', () => {
    expect(loadConfig({ cwd: tempDir(), env: {}, defaultProtocols: DEFAULTS }).limits).toMatchObject({
      maxSubscriptions: 1_000,
      maxSubscriptionsPerClient: 10,
    });
    const { dir } = configFile({ limits: { maxSubscriptions: 50, maxSubscriptionsPerClient: 3 } });
    expect(loadConfig({ cwd: dir, env: {}, defaultProtocols: DEFAULTS }).limits).toMatchObject({
      maxSubscriptions: 50,
      maxSubscriptionsPerClient: 3,
    });
    expect(
      loadConfig({
        cwd: dir,
        env: { MAX_SUBSCRIPTIONS: '7', MAX_SUBSCRIPTIONS_PER_CLIENT: '2' },
        defaultProtocols: DEFAULTS,
      }).limits,
    ).toMatchObject({ maxSubscriptions: 7, maxSubscriptionsPerClient: 2 });
    expect(() =>
      loadConfig({ cwd: dir, env: { MAX_SUBSCRIPTIONS_PER_CLIENT: 'many' }, defaultProtocols: DEFAULTS }),
    ).toThrowError(
      /limits\.maxSubscriptionsPerClient: limits\.maxSubscriptionsPerClient must be an integer from 0 to 100000/,
    );
  });

  it('takes WORKERS as a count or "auto" (one per core)', () => {
    expect(loadConfig({ env: { WORKERS: '3' }, cwd: tempDir(), defaultProtocols: DEFAULTS }).workers).toBe(3);
    expect(loadConfig({ env: { WORKERS: 'auto' }, cwd: tempDir(), defaultProtocols: DEFAULTS }).workers).toBe(
      availableParallelism(),
    );
    expect(loadConfig({ env: {}, cwd: tempDir(), defaultProtocols: DEFAULTS }).workers).toBe(1);
  });

  it('needs at least one protocol: without a file and without defaults it refuses to start', () => {
    expect(() => loadConfig({ env: {}, cwd: tempDir() })).toThrowError(
      /protocols must name at least one adapter/,
    );
  });

  it('takes the environment: port, production, cache; adapter options are left to each adapter', () => {
    const config = loadConfig({
      cwd: tempDir(),
      defaultProtocols: DEFAULTS,
      env: {
        PORT: '8080',
        NODE_ENV: 'production',
        EXAMPLE_ID: 'not-read-here',
        CACHE_URL: 'redis://127.0.0.1:6379',
        CACHE_TTL_SECONDS: '10',
      },
    });
    expect(config).toMatchObject({
      port: 8080,
      production: true,
      cache: { url: 'redis://127.0.0.1:6379', ttlSeconds: 10 },
      protocols: [
        { adapter: '@example/adapter-alpha', options: {} },
        { adapter: './beta.mjs', options: { id: 'b' } },
      ],
    });
  });

  it('takes the cache operation timeout, body cap and circuit from the file and the environment', () => {
    const { dir } = configFile({
      cache: { opTimeoutMs: 100 },
      upstreamMaxBodyBytes: 65_536,
      upstreamCircuit: { failures: 3, cooldownMs: 5_000 },
    });
    expect(loadConfig({ cwd: dir, env: {}, defaultProtocols: DEFAULTS })).toMatchObject({
      cache: { opTimeoutMs: 100 },
      upstreamMaxBodyBytes: 65_536,
      upstreamCircuit: { failures: 3, cooldownMs: 5_000 },
    });
    expect(
      loadConfig({
        cwd: dir,
        env: { CACHE_OP_TIMEOUT_MS: '400', UPSTREAM_MAX_BODY_BYTES: '2048' },
        defaultProtocols: DEFAULTS,
      }),
    ).toMatchObject({ cache: { opTimeoutMs: 400 }, upstreamMaxBodyBytes: 2_048 });
  });

  it('reads gateway.config.json, with the environment on top', () => {
    const { dir } = configFile({
      port: 5000,
      protocols: [{ adapter: './example-adapter.mjs', options: { id: 'ex', only: ['SUPPLY'] } }],
      limits: { maxSchedulePoints: 500 },
      compiledExecution: false,
    });
    const config = loadConfig({ cwd: dir, env: { PORT: '5001' }, defaultProtocols: DEFAULTS });
    expect(config.port).toBe(5001);
    expect(config.compiledExecution).toBe(false);
    expect(config.protocols).toEqual([
      { adapter: './example-adapter.mjs', options: { id: 'ex', only: ['SUPPLY'] } },
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
    [{ INTROSPECTION: 'maybe' }, 'introspection: introspection must be on or off (true/false)'],
    [{ METRICS: 'sometimes' }, 'metrics.enabled: metrics.enabled must be on or off (true/false)'],
    [{ METRICS_PORT: '99999' }, 'metrics.port: metrics.port must be an integer from 0 to 65535'],
    [{ METRICS_TOKEN: 'short' }, 'metrics.token: metrics.token must be 16 to 512 characters'],
    [{ METRICS_TOKEN: 'has spaces in the middle' }, 'metrics.token: metrics.token must be printable ASCII'],
    [{ PORT: '4000', METRICS_PORT: '4000' }, 'metrics.port: metrics.port must differ from port'],
    [{ CORS_ORIGINS: 'https://app.example/' }, 'cors.origins.0: "https://app.example/" is not an origin'],
    [{ CORS_ORIGINS: 'https://a.example,app.example' }, 'cors.origins.1: "app.example" is not an origin'],
    [{ CORS_ORIGINS: 'https://a.example/path' }, 'cors.origins.0: "https://a.example/path" is not an origin'],
  ])('refuses %j with an error naming the setting', (env, message) => {
    expect(() => loadConfig({ env, cwd: tempDir(), defaultProtocols: DEFAULTS })).toThrowError(
      expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringContaining(message) }),
    );
  });

  it("leaves an app's own sections out of its checks and hands them back as written", () => {
    const { dir } = configFile({ port: 4100, history: { sampleSeconds: 5, anything: true } });
    const config = loadConfig({ env: {}, cwd: dir, defaultProtocols: DEFAULTS, sections: ['history'] });
    expect(config.port).toBe(4100);
    expect(config.sections).toEqual({ history: { sampleSeconds: 5, anything: true } });
    // Without the section named, the key is unknown to the gateway.
    expect(() => loadConfig({ env: {}, cwd: dir, defaultProtocols: DEFAULTS })).toThrow(/history/);
    expect(
      loadConfig({ env: {}, cwd: tempDir(), defaultProtocols: DEFAULTS, sections: ['history'] }).sections,
    ).toEqual({});
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

  it('takes CORS origins, introspection and metrics from the environment', () => {
    const config = loadConfig({
      cwd: tempDir(),
      defaultProtocols: DEFAULTS,
      env: {
        CORS_ORIGINS: 'https://app.example, https://dash.example:8443',
        INTROSPECTION: 'off',
        METRICS_TOKEN: 'a-metrics-token-of-32-characters',
        METRICS_PORT: '9464',
        METRICS_HOST: '0.0.0.0',
      },
    });
    expect(config.cors).toEqual({ origins: ['https://app.example', 'https://dash.example:8443'] });
    expect(config.introspection).toBe(false);
    expect(config.metrics).toEqual({
      enabled: true,
      token: 'a-metrics-token-of-32-characters',
      port: 9464,
      host: '0.0.0.0',
    });
    expect(
      loadConfig({ cwd: tempDir(), defaultProtocols: DEFAULTS, env: { CORS_ORIGINS: '*', METRICS: 'off' } }),
    ).toMatchObject({
      cors: { origins: '*' },
      metrics: { enabled: false },
    });
  });

  it('takes them from the file too, the environment on top', () => {
    const { dir } = configFile({
      cors: { origins: ['https://app.example'] },
      introspection: false,
      metrics: { port: 9464 },
    });
    expect(loadConfig({ cwd: dir, env: {}, defaultProtocols: DEFAULTS })).toMatchObject({
      cors: { origins: ['https://app.example'] },
      introspection: false,
      metrics: { enabled: true, port: 9464, host: '127.0.0.1', token: null },
    });
    expect(
      loadConfig({
        cwd: dir,
        env: { INTROSPECTION: 'on', METRICS_PORT: '9465' },
        defaultProtocols: DEFAULTS,
      }),
    ).toMatchObject({
      introspection: true,
      metrics: { port: 9465 },
    });
  });

  it('never repeats the metrics token in an error', () => {
    const token = 'tok en-that-is-long-enough-but-has-a-space';
    expect(() =>
      loadConfig({ cwd: tempDir(), defaultProtocols: DEFAULTS, env: { METRICS_TOKEN: token } }),
    ).toThrowError(expect.objectContaining({ message: expect.not.stringContaining('tok en') }));
  });

  it('refuses a GATEWAY_CONFIG that does not exist', () => {
    expect(() => loadConfig({ cwd: tempDir(), env: { GATEWAY_CONFIG: 'nope.json' } })).toThrowError(
      /does not exist/,
    );
  });
});

describe('createAdapters', () => {
  it('loads every adapter by its descriptor, in configuration order, with the environment over its options', async () => {
    const adapters = await createAdapters(
      {
        baseDir: ADAPTERS,
        protocols: [
          { adapter: './example-adapter.mjs', options: { id: 'ex-a', only: ['SUPPLY'] } },
          { adapter: './example-adapter.mjs', options: {} },
        ],
      },
      { env: {} },
    );
    expect(adapters.map((adapter) => [adapter.id, adapter.capabilities])).toEqual([
      ['ex-a', ['SUPPLY']],
      ['example', ['SUPPLY', 'REWARDS', 'FEES', 'PENALTIES', 'SCHEDULE', 'FLOWS']],
    ]);
    expect((await adapters[0]?.supply?.())?.circulating.toFixed()).toBe('750');
    const [fromEnv] = await createAdapters(
      { baseDir: ADAPTERS, protocols: [{ adapter: './example-adapter.mjs', options: { id: 'file' } }] },
      { env: { EXAMPLE_ID: 'from-env' } },
    );
    expect(fromEnv?.id).toBe('from-env');
  });

  it("refuses a typo'd option key with the adapter's own message, naming the protocol entry", async () => {
    const attempt = createAdapters(
      {
        baseDir: ADAPTERS,
        protocols: [
          { adapter: './example-adapter.mjs', options: {} },
          { adapter: './example-adapter.mjs', options: { preest: 'seed' } },
        ],
      },
      { env: {} },
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'CONFIGURATION',
      message:
        'protocols.1 (adapter "./example-adapter.mjs"): invalid options: example adapter: unknown option "preest" (it takes id, only)',
    });
  });

  it("refuses an option of the wrong type with the adapter's message (a hand-written schema too)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny.mjs'), TINY_ADAPTER);
    await expect(
      createAdapters(
        { baseDir: dir, protocols: [{ adapter: './tiny.mjs', options: { id: 7 } }] },
        { env: {} },
      ),
    ).rejects.toMatchObject({
      code: 'CONFIGURATION',
      message: 'protocols.0 (adapter "./tiny.mjs"): invalid options: id: tiny adapter: id must be a string',
    });
  });

  it("resolves a package name from the configuration's folder, then from the app's folders", async () => {
    const app = tempDir();
    const pkg = join(app, 'node_modules', '@example', 'adapter-tiny');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: '@example/adapter-tiny', type: 'module', exports: './index.js' }),
    );
    writeFileSync(join(pkg, 'index.js'), TINY_ADAPTER);
    const config = { baseDir: tempDir(), protocols: [{ adapter: '@example/adapter-tiny', options: {} }] };
    await expect(createAdapters(config, { env: {} })).rejects.toMatchObject({
      code: 'CONFIGURATION',
      message: expect.stringContaining('adapter "@example/adapter-tiny" is not a module that resolves from'),
    });
    const seen: string[] = [];
    const [tiny] = await createAdapters(config, {
      env: { TINY_ID: 'tiny-env' },
      resolveFrom: [app],
      beforeImport: ({ specifier }) => seen.push(specifier),
    });
    expect(tiny?.id).toBe('tiny-env');
    expect(seen).toEqual(['@example/adapter-tiny']);
    const { descriptor } = await loadAdapterDescriptor('@example/adapter-tiny', {
      baseDir: config.baseDir,
      resolveFrom: [app],
    });
    expect(descriptor.env).toEqual([{ name: 'TINY_ID', description: 'the id' }]);
  });

  it("refuses what beforeImport refuses (an app's check of the module, e.g. a stale build)", async () => {
    await expect(
      createAdapters(
        { baseDir: ADAPTERS, protocols: [{ adapter: './example-adapter.mjs', options: {} }] },
        {
          env: {},
          beforeImport: ({ specifier }) => {
            throw new Error(`adapter ${specifier} is not built`);
          },
        },
      ),
    ).rejects.toThrow('adapter ./example-adapter.mjs is not built');
  });

  it('refuses a name that is neither a package nor a path', async () => {
    await expect(
      createAdapters({ baseDir: tempDir(), protocols: [{ adapter: 'Not A Package', options: {} }] }),
    ).rejects.toMatchObject({
      code: 'CONFIGURATION',
      message: expect.stringContaining(
        'adapter "Not A Package" is not a package name; a path starts with ./',
      ),
    });
  });

  it.each([
    '../../../../etc/passwd',
    '../elsewhere/adapter.mjs',
    '/etc/passwd',
    'some-package/../../../../etc/passwd',
  ])('refuses %j, which escapes the configuration folder, naming the path', async (adapter) => {
    // root/config holds the configuration; root/elsewhere/adapter.mjs is a working adapter outside it.
    const root = tempDir();
    const dir = join(root, 'config');
    mkdirSync(dir);
    mkdirSync(join(root, 'elsewhere'));
    writeFileSync(join(root, 'elsewhere', 'adapter.mjs'), TINY_ADAPTER);
    const attempt = () => createAdapters({ baseDir: dir, protocols: [{ adapter, options: {} }] });
    await expect(attempt()).rejects.toMatchObject({
      code: 'CONFIGURATION',
      message: expect.stringContaining(`adapter "${adapter}"`),
    });
    await expect(attempt()).rejects.toThrow(/is outside the configuration's folder|is not a package name/);
  });

  it('refuses a symbolic link inside the folder to a module outside it', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'adapter.mjs'), TINY_ADAPTER);
    const dir = tempDir();
    symlinkSync(join(outside, 'adapter.mjs'), join(dir, 'linked.mjs'));
    await expect(
      createAdapters({ baseDir: dir, protocols: [{ adapter: './linked.mjs', options: {} }] }),
    ).rejects.toMatchObject({
      code: 'CONFIGURATION',
      message: expect.stringMatching(
        /adapter "\.\/linked\.mjs" resolves to .*adapter\.mjs, which is outside/,
      ),
    });
  });

  it.each([
    ['a JSON file', 'adapter.json', '{ "createAdapter": 1 }', /is not a JavaScript module/],
    [
      'a module without a descriptor',
      'none.mjs',
      'export const other = 1; export function createAdapter() {}',
      /exports no adapter descriptor: export `adapter`/,
    ],
    ['a module that fails to load', 'broken.mjs', 'export const = ;', /failed to load/],
    [
      'a descriptor whose create returns something else',
      'wrong.mjs',
      TINY_ADAPTER.replace("create: (options) => ({ id: options.id ?? 'tiny'", 'create: () => ({ id: 7'),
      /did not return a TokenEconomy: id: /,
    ],
  ])('refuses %s as an adapter with CONFIGURATION, naming the path', async (_what, file, text, reason) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'adapters'));
    writeFileSync(join(dir, 'adapters', file), text);
    const attempt = createAdapters({
      baseDir: dir,
      protocols: [{ adapter: `./adapters/${file}`, options: {} }],
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'CONFIGURATION',
      message: expect.stringContaining(`"./adapters/${file}"`),
    });
    await expect(
      createAdapters({ baseDir: dir, protocols: [{ adapter: `./adapters/${file}`, options: {} }] }),
    ).rejects.toThrow(reason);
  });

  it('loads an adapter module by path whose default export is the descriptor', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'tiny-adapter.mjs'),
      TINY_ADAPTER.replace('export const adapter =', 'const adapter ='),
    );
    const [tiny] = await createAdapters({
      baseDir: dir,
      protocols: [{ adapter: './tiny-adapter.mjs', options: { id: 'tiny-1' } }],
    });
    expect(tiny?.id).toBe('tiny-1');
  });
});
