import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type AdapterDescriptor,
  DEFAULT_MAX_SCHEDULE_POINTS,
  DEFAULT_UPSTREAM_MAX_BODY_BYTES,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  isAdapterDescriptor,
  type TokenEconomy,
  TokenomicsError,
} from '@tokenomics/core';
import { z } from 'zod';
import { DEFAULT_MAX_PLANS } from './plugins/compiled-execution.js';
import { DEFAULT_DOCUMENT_LIMITS } from './plugins/limits.js';
import { DEFAULT_DOCUMENT_ID_BYTES, DEFAULT_RESPONSE_TEXT_BYTES } from './plugins/response-cache.js';
import { DEFAULT_DRAIN_GRACE_MS, DEFAULT_GATEWAY_LIMITS } from './server.js';
import { TRACING_SERVICE_NAME } from './tracing.js';

const protocolSchema = z
  .object({
    adapter: z
      .string()
      .min(1)
      .describe(
        "The adapter package to load (a package name, or a path starting with ./ inside the configuration's folder)",
      ),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

const integerText = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${what} must be an integer from ${min} to ${max}` })
    .int(`${what} must be an integer from ${min} to ${max}`)
    .min(min, `${what} must be an integer from ${min} to ${max}`)
    .max(max, `${what} must be an integer from ${min} to ${max}`);

const onOff = (what: string) =>
  z.union([z.boolean(), z.stringbool()], { error: `${what} must be on or off (true/false)` });

/** `https://app.example` or `http://localhost:3000`: a scheme, a host, a port at most (what browsers send as Origin). */
const originSchema = z.string().refine(
  (text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
    } catch {
      return false;
    }
  },
  {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not an origin: write scheme://host[:port] in lowercase, without a path or a trailing slash`,
  },
);

/** `PERSISTED_OPERATIONS_ONLY=true` is `allowArbitrary: false`; a value neither on nor off is passed on for zod to refuse. */
function negatedOnOff(text: string | undefined): boolean | string | undefined {
  if (text === undefined) return undefined;
  const word = text.trim().toLowerCase();
  if (['true', 'on', '1', 'yes', 'enabled', 'y'].includes(word)) return false;
  if (['false', 'off', '0', 'no', 'disabled', 'n'].includes(word)) return true;
  return text;
}

const TOKEN_LENGTH = 'metrics.token must be 16 to 512 characters';

const configObject = z
  .object({
    port: integerText('port', 0, 65_535).default(4000),
    host: z.string().min(1).default('0.0.0.0'),
    production: z.boolean().default(false),
    /** Run queries as compiled plans (graphql-jit); false runs every query on the standard executor. */
    compiledExecution: z.boolean().default(true),
    workers: z
      .union([z.literal('auto'), integerText('workers', 1, 64)], {
        error: 'workers must be an integer from 1 to 64, or "auto"',
      })
      .default(1)
      .transform((workers) => (workers === 'auto' ? availableParallelism() : workers)),
    logLevel: z
      .enum(['debug', 'info', 'warn', 'error', 'silent'], {
        error: 'logLevel must be one of debug, info, warn, error, silent',
      })
      .default('info'),
    protocols: z.array(protocolSchema).min(1, 'protocols must name at least one adapter'),
    cache: z
      .object({
        url: z
          .string()
          .regex(/^(redis|rediss):\/\//, 'cache.url must be a redis:// or rediss:// URL')
          .nullable()
          .default(null),
        ttlSeconds: integerText('cache.ttlSeconds', 1, 86_400).default(30),
        /** The most one cache store operation may take; past it the store counts as failing. */
        opTimeoutMs: integerText('cache.opTimeoutMs', 10, 10_000).default(250),
      })
      .strict()
      .default({ url: null, ttlSeconds: 30, opTimeoutMs: 250 }),
    upstreamTimeoutMs: integerText('upstreamTimeoutMs', 100, 60_000).default(DEFAULT_UPSTREAM_TIMEOUT_MS),
    /** Browser origins allowed to read answers: "*" (any, never with credentials) or exact origins. */
    cors: z
      .object({
        origins: z
          .union(
            [z.literal('*'), z.array(originSchema).min(1, 'cors.origins must list at least one origin')],
            {
              error: 'cors.origins must be "*" or a list of origins',
            },
          )
          .default('*'),
      })
      .strict()
      .default({ origins: '*' }),
    /** On SIGTERM, how long connections idle between keep-alive requests stay open for a request already sent. */
    drainGraceMs: integerText('drainGraceMs', 0, 30_000).default(DEFAULT_DRAIN_GRACE_MS),
    /** Answer introspection (GraphiQL's documentation needs it). */
    introspection: onOff('introspection').default(true),
    /**
     * Persisted operations: `allowArbitrary: false` serves only the manifest's documents (a locked-down
     * deployment); `manifest` is a JSON file of documents by sha256 (relative to this file's folder)
     * replacing the committed one.
     */
    persistedOperations: z
      .object({
        allowArbitrary: onOff(
          'persistedOperations.allowArbitrary (PERSISTED_OPERATIONS_ONLY is its opposite)',
        ).default(true),
        manifest: z.string().min(1).nullable().default(null),
      })
      .strict()
      .default({ allowArbitrary: true, manifest: null }),
    /** Where GET /metrics is served and who may read it. */
    metrics: z
      .object({
        enabled: onOff('metrics.enabled').default(true),
        token: z
          .string()
          .min(16, TOKEN_LENGTH)
          .max(512, TOKEN_LENGTH)
          .regex(/^[\x21-\x7e]+$/, 'metrics.token must be printable ASCII, without spaces')
          .nullable()
          .default(null),
        port: integerText('metrics.port', 0, 65_535).nullable().default(null),
        host: z.string().min(1).default('127.0.0.1'),
      })
      .strict()
      .default({ enabled: true, token: null, port: null, host: '127.0.0.1' }),
    /** OpenTelemetry tracing: off unless an OTLP/HTTP endpoint is set. */
    tracing: z
      .object({
        endpoint: z
          .string()
          .regex(/^https?:\/\/[^\s]+$/, 'tracing.endpoint must be an http:// or https:// URL')
          .refine((url) => URL.canParse(url), 'tracing.endpoint must be an http:// or https:// URL')
          .nullable()
          .default(null),
        serviceName: z
          .string()
          .regex(/^[\x20-\x7e]{1,200}$/, 'tracing.serviceName must be 1 to 200 printable characters')
          .default(TRACING_SERVICE_NAME),
      })
      .strict()
      .default({ endpoint: null, serviceName: TRACING_SERVICE_NAME }),
    /** The most bytes of one upstream answer. */
    upstreamMaxBodyBytes: integerText('upstreamMaxBodyBytes', 1_024, 104_857_600).default(
      DEFAULT_UPSTREAM_MAX_BODY_BYTES,
    ),
    /** After `failures` failed reads in a row, an upstream is not called for `cooldownMs`. */
    upstreamCircuit: z
      .object({
        failures: integerText('upstreamCircuit.failures', 1, 1_000).default(5),
        cooldownMs: integerText('upstreamCircuit.cooldownMs', 100, 3_600_000).default(10_000),
      })
      .strict()
      .default({ failures: 5, cooldownMs: 10_000 }),
    /** Per-client rate limits (off unless perMinute is set). */
    rateLimit: z
      .object({
        /** Requests each client (IP, or API key with apiKeyHeader) may make per minute; null: no limit. */
        perMinute: integerText('rateLimit.perMinute', 1, 1_000_000).nullable().default(null),
        /** X-Forwarded-For: false (socket address), a count of trusted proxies, or true (every hop). */
        trustProxy: z
          .union([z.boolean(), integerText('rateLimit.trustProxy', 0, 16), z.stringbool()], {
            error: 'rateLimit.trustProxy must be on/off (true/false) or a count of proxies from 0 to 16',
          })
          .default(false),
        /** A header whose value, hashed, is counted instead of the client's IP (e.g. x-api-key). */
        apiKeyHeader: z
          .string()
          .regex(/^[A-Za-z0-9-]{1,64}$/, 'rateLimit.apiKeyHeader must be a header name (letters, digits, -)')
          .nullable()
          .default(null),
      })
      .strict()
      .default({ perMinute: null, trustProxy: false, apiKeyHeader: null }),
    limits: z
      .object({
        maxSchedulePoints: integerText('limits.maxSchedulePoints', 1, 100_000).default(
          DEFAULT_MAX_SCHEDULE_POINTS,
        ),
        maxDepth: integerText('limits.maxDepth', 2, 50).default(DEFAULT_DOCUMENT_LIMITS.maxDepth),
        maxAliases: integerText('limits.maxAliases', 1, 1_000).default(DEFAULT_DOCUMENT_LIMITS.maxAliases),
        maxTokens: integerText('limits.maxTokens', 50, 100_000).default(DEFAULT_DOCUMENT_LIMITS.maxTokens),
        maxCost: integerText('limits.maxCost', 10, 1_000_000).default(DEFAULT_DOCUMENT_LIMITS.maxCost),
        maxBodyBytes: integerText('limits.maxBodyBytes', 1_024, 10_485_760).default(
          DEFAULT_DOCUMENT_LIMITS.maxBodyBytes,
        ),
        requestBudget: integerText('limits.requestBudget', 100, 10_000_000).default(
          DEFAULT_DOCUMENT_LIMITS.requestBudget,
        ),
        maxStakes: integerText('limits.maxStakes', 1, 100_000).default(DEFAULT_DOCUMENT_LIMITS.maxStakes),
        maxOverrides: integerText('limits.maxOverrides', 1, 1_000).default(
          DEFAULT_DOCUMENT_LIMITS.maxOverrides,
        ),
        /** Units of the request budget from which a request is heavy (run a few at a time). */
        heavyRequestCost: integerText('limits.heavyRequestCost', 1, 10_000_000).default(
          DEFAULT_DOCUMENT_LIMITS.heavyRequestCost,
        ),
        /** Heavy requests executing at once per process. */
        maxHeavyRequests: integerText('limits.maxHeavyRequests', 1, 1_000).default(
          DEFAULT_DOCUMENT_LIMITS.maxHeavyRequests,
        ),
        /** Heavy requests waiting their turn per process. */
        maxQueuedHeavyRequests: integerText('limits.maxQueuedHeavyRequests', 0, 100_000).default(
          DEFAULT_DOCUMENT_LIMITS.maxQueuedHeavyRequests,
        ),
        /** The longest a heavy request keeps its slot while its answer is written, ms. */
        heavyAnswerHoldMs: integerText('limits.heavyAnswerHoldMs', 0, 600_000).default(
          DEFAULT_DOCUMENT_LIMITS.heavyAnswerHoldMs,
        ),
        /** Bytes of response texts kept for the current second (identical requests reuse them). */
        responseCacheBytes: integerText('limits.responseCacheBytes', 1_024, 1_073_741_824).default(
          DEFAULT_RESPONSE_TEXT_BYTES,
        ),
        /** Bytes of query documents kept with their short ids for the response cache. */
        responseDocumentBytes: integerText('limits.responseDocumentBytes', 1_024, 1_073_741_824).default(
          DEFAULT_DOCUMENT_ID_BYTES,
        ),
        /** Compiled query plans kept. */
        maxPlans: integerText('limits.maxPlans', 1, 100_000).default(DEFAULT_MAX_PLANS),
        /** Subscriptions open at once, over every client. */
        maxSubscriptions: integerText('limits.maxSubscriptions', 0, 1_000_000).default(
          DEFAULT_GATEWAY_LIMITS.maxSubscriptions,
        ),
        /** Subscriptions one client may hold open at once. */
        maxSubscriptionsPerClient: integerText('limits.maxSubscriptionsPerClient', 0, 100_000).default(
          DEFAULT_GATEWAY_LIMITS.maxSubscriptionsPerClient,
        ),
      })
      .strict()
      .default({
        maxSchedulePoints: DEFAULT_MAX_SCHEDULE_POINTS,
        ...DEFAULT_DOCUMENT_LIMITS,
        responseCacheBytes: DEFAULT_RESPONSE_TEXT_BYTES,
        responseDocumentBytes: DEFAULT_DOCUMENT_ID_BYTES,
        maxPlans: DEFAULT_MAX_PLANS,
        maxSubscriptions: DEFAULT_GATEWAY_LIMITS.maxSubscriptions,
        maxSubscriptionsPerClient: DEFAULT_GATEWAY_LIMITS.maxSubscriptionsPerClient,
      }),
  })
  .strict();

const configSchema = configObject.refine(
  (config) =>
    config.metrics.port === null || config.metrics.port === 0 || config.metrics.port !== config.port,
  { error: 'metrics.port must differ from port', path: ['metrics', 'port'] },
);

/** The gateway's whole configuration, validated. */
export type GatewayConfig = z.infer<typeof configSchema> & {
  /** Where relative adapter module paths resolve from. */
  baseDir: string;
  /**
   * The configuration file's top-level keys an app reads itself (named by
   * {@link LoadConfigOptions.sections}), as written: the app validates them.
   */
  sections?: Record<string, unknown>;
};

/** One configured protocol. */
export type ProtocolConfig = z.infer<typeof protocolSchema>;

/** The configuration file read when `GATEWAY_CONFIG` names none. */
export const DEFAULT_CONFIG_FILE = 'gateway.config.json';

function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>;
}

/** `CORS_ORIGINS`: `*`, or origins separated by commas. */
function originsFromEnv(text: string | undefined): '*' | string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (text.trim() === '*') return '*';
  return text
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
}

function formatIssues(error: z.ZodError, origin: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      return `- ${path ? `${path}: ` : ''}${issue.message}`;
    })
    .map((line) => `${line} (${origin})`)
    .join('\n');
}

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Where `gateway.config.json` is looked for. Default: the working directory. */
  cwd?: string;
  /**
   * The protocols served when the configuration file lists none (an app's
   * defaults). Without them, a configuration must list at least one.
   */
  defaultProtocols?: readonly { adapter: string; options?: Record<string, unknown> }[];
  /**
   * Top-level keys of the configuration file that belong to the app, not to
   * the gateway (e.g. a server's `history`): left out of the gateway's checks
   * and returned as written in {@link GatewayConfig.sections}.
   */
  sections?: readonly string[];
}

/**
 * Reads the configuration: the file named by `GATEWAY_CONFIG` (or
 * `gateway.config.json` in `cwd`, when present), then the environment
 * variables on top. With no protocols listed, `defaultProtocols` are served.
 * Adapter options are checked later, by {@link createAdapters}, with each
 * adapter's own schema.
 *
 * @throws TokenomicsError CONFIGURATION listing every problem, each with where it came from
 * @example
 * ```ts
 * import { loadConfig } from '@tokenomics/gateway';
 *
 * const config = loadConfig({
 *   env: { PORT: '8080' },
 *   defaultProtocols: [{ adapter: '@example/adapter-demo', options: { preset: 'seed' } }],
 * });
 * config.port; // 8080
 * ```
 */
export function loadConfig({
  env = process.env,
  cwd = process.cwd(),
  defaultProtocols = [],
  sections = [],
}: LoadConfigOptions = {}): GatewayConfig {
  const explicitFile = env.GATEWAY_CONFIG;
  const file = resolve(cwd, explicitFile ?? DEFAULT_CONFIG_FILE);
  let fromFile: Record<string, unknown> = {};
  if (explicitFile !== undefined || existsSync(file)) {
    if (!existsSync(file)) {
      throw new TokenomicsError('CONFIGURATION', `GATEWAY_CONFIG names ${file}, which does not exist`);
    }
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new TokenomicsError('CONFIGURATION', `${file} is not valid JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const appSections: Record<string, unknown> = {};
  if (typeof fromFile === 'object' && fromFile !== null && !Array.isArray(fromFile)) {
    const rest = { ...fromFile };
    for (const key of sections) {
      if (key in rest) {
        appSections[key] = rest[key];
        delete rest[key];
      }
    }
    fromFile = rest;
  }
  const fileResult = configObject.partial().safeParse(fromFile);
  if (!fileResult.success) {
    throw new TokenomicsError(
      'CONFIGURATION',
      `invalid configuration:\n${formatIssues(fileResult.error, file)}`,
    );
  }

  // With no protocols configured, the app's defaults are served.
  const protocols = fileResult.data.protocols ?? defaultProtocols.map((protocol) => ({ ...protocol }));
  const fromEnv = compact({
    port: env.PORT,
    host: env.HOST,
    upstreamTimeoutMs: env.UPSTREAM_TIMEOUT_MS,
    upstreamMaxBodyBytes: env.UPSTREAM_MAX_BODY_BYTES,
    logLevel: env.LOG_LEVEL,
    workers: env.WORKERS,
    introspection: env.INTROSPECTION,
    drainGraceMs: env.DRAIN_GRACE_MS,
  });
  const merged = {
    ...fileResult.data,
    ...fromEnv,
    production: env.NODE_ENV === 'production' || fileResult.data.production === true,
    protocols,
    cache: compact({
      ...fileResult.data.cache,
      ...compact({
        url: env.CACHE_URL,
        ttlSeconds: env.CACHE_TTL_SECONDS,
        opTimeoutMs: env.CACHE_OP_TIMEOUT_MS,
      }),
    }),
    limits: compact({
      ...fileResult.data.limits,
      ...compact({
        maxSchedulePoints: env.MAX_SCHEDULE_POINTS,
        maxSubscriptions: env.MAX_SUBSCRIPTIONS,
        maxSubscriptionsPerClient: env.MAX_SUBSCRIPTIONS_PER_CLIENT,
      }),
    }),
    rateLimit: compact({
      ...fileResult.data.rateLimit,
      ...compact({
        perMinute: env.RATE_LIMIT_PER_MINUTE,
        trustProxy: env.TRUST_PROXY,
        apiKeyHeader: env.RATE_LIMIT_KEY_HEADER,
      }),
    }),
    cors: compact({ ...fileResult.data.cors, ...compact({ origins: originsFromEnv(env.CORS_ORIGINS) }) }),
    persistedOperations: compact({
      ...fileResult.data.persistedOperations,
      ...compact({
        allowArbitrary: negatedOnOff(env.PERSISTED_OPERATIONS_ONLY),
        manifest: env.PERSISTED_OPERATIONS_MANIFEST,
      }),
    }),
    tracing: compact({
      ...fileResult.data.tracing,
      ...compact({ endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME }),
    }),
    metrics: compact({
      ...fileResult.data.metrics,
      ...compact({
        enabled: env.METRICS,
        token: env.METRICS_TOKEN,
        port: env.METRICS_PORT,
        host: env.METRICS_HOST,
      }),
    }),
  };
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    throw new TokenomicsError(
      'CONFIGURATION',
      `invalid configuration:\n${formatIssues(result.error, explicitFile || existsSync(file) ? `${file} and the environment` : 'the environment')}`,
    );
  }
  return { ...result.data, baseDir: dirname(file), sections: appSections };
}

/** A package name (`name`, `@scope/name`) with an optional subpath; no `.` or `..` segments. */
const PACKAGE_SPECIFIER = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w.@-]+)*$/i;
/**
 * Files an adapter module may be: JavaScript, or TypeScript where a package's
 * `source` export condition is in effect (a test runner, a TypeScript-aware loader).
 */
const MODULE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts']);

function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier) || specifier.includes('\\');
}

function isInside(folder: string, file: string): boolean {
  const path = relative(folder, file);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

function configurationError(message: string, cause?: unknown): TokenomicsError {
  return new TokenomicsError('CONFIGURATION', message, cause === undefined ? {} : { cause });
}

/** Where adapter modules resolve from. */
export interface AdapterResolution {
  /** The configuration's folder: paths (`./adapter-x`) resolve here and must stay inside it; package names resolve here first. */
  baseDir: string;
  /**
   * Further folders package names resolve from, in order, after `baseDir`:
   * an app passes its own folder so the adapters it depends on load without
   * being installed next to the configuration.
   */
  resolveFrom?: readonly string[];
}

/**
 * Where an adapter module is, checked: a path must stay inside the
 * configuration's folder (after symbolic links) and resolves from there only;
 * a package name must be one, and resolves from the configuration's folder,
 * then from each `resolveFrom` folder; either must be a JavaScript file.
 *
 * @throws TokenomicsError CONFIGURATION when it is neither, or resolves nowhere
 * @example
 * ```ts
 * import { resolveAdapterModule } from '@tokenomics/gateway';
 *
 * const file = resolveAdapterModule('./adapter-demo', { baseDir: process.cwd() });
 * ```
 */
export function resolveAdapterModule(
  specifier: string,
  { baseDir, resolveFrom = [] }: AdapterResolution,
): string {
  const named = `adapter "${specifier}"`;
  const folder = realpathSync(baseDir);
  const mustBe = `an adapter module must be inside the configuration's folder (${folder}) or an installed package`;
  const path = isPathSpecifier(specifier);
  if (path) {
    if (!isInside(folder, resolve(folder, specifier))) {
      throw configurationError(`${named} is outside the configuration's folder: ${mustBe}`);
    }
  } else if (
    !PACKAGE_SPECIFIER.test(specifier) ||
    specifier.split('/').some((part) => part === '..' || part === '.')
  ) {
    throw configurationError(`${named} is not a package name; a path starts with ./`);
  }
  const bases = path ? [folder] : [folder, ...resolveFrom];
  let resolved: string | undefined;
  let firstError: unknown;
  for (const base of bases) {
    try {
      resolved = realpathSync(createRequire(resolve(base, DEFAULT_CONFIG_FILE)).resolve(specifier));
      break;
    } catch (error) {
      firstError ??= error;
    }
  }
  if (resolved === undefined) {
    throw configurationError(
      `${named} is not a module that resolves from ${bases.join(' or ')}: install the package, or give a path starting with ./`,
      firstError,
    );
  }
  if (path && !isInside(folder, resolved)) {
    throw configurationError(
      `${named} resolves to ${resolved}, which is outside the configuration's folder: ${mustBe}`,
    );
  }
  if (!MODULE_EXTENSIONS.has(extname(resolved))) {
    throw configurationError(
      `${named} (${resolved}) is not a JavaScript module (.js, .mjs or .cjs; .ts or .mts through a "source" export condition)`,
    );
  }
  return resolved;
}

/** An adapter's descriptor, and the module file it was loaded from. */
export interface LoadedAdapter {
  descriptor: AdapterDescriptor;
  /** The module file (after symbolic links). */
  file: string;
}

/** Options of {@link loadAdapterDescriptor}. */
export interface LoadAdapterOptions extends AdapterResolution {
  /** Called with the resolved module file before it is imported: throw to refuse it (e.g. a stale build). */
  beforeImport?: (adapter: { specifier: string; file: string }) => void;
}

/**
 * Resolves an adapter (a package name or a ./path), imports it and returns its
 * descriptor: the module's `adapter` export, or its default export.
 *
 * @throws TokenomicsError CONFIGURATION when the module does not resolve, fails to load, or exports no descriptor
 * @example
 * ```ts
 * import { loadAdapterDescriptor } from '@tokenomics/gateway';
 *
 * const { descriptor } = await loadAdapterDescriptor('@example/adapter-demo', { baseDir: process.cwd() });
 * descriptor.env.map((variable) => variable.name);
 * ```
 */
export async function loadAdapterDescriptor(
  specifier: string,
  { beforeImport, ...resolution }: LoadAdapterOptions,
): Promise<LoadedAdapter> {
  const file = resolveAdapterModule(specifier, resolution);
  beforeImport?.({ specifier, file });
  let module: { adapter?: unknown; default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as typeof module;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw configurationError(`adapter "${specifier}" (${file}) failed to load: ${reason}`, error);
  }
  const descriptor = isAdapterDescriptor(module.adapter) ? module.adapter : module.default;
  if (!isAdapterDescriptor(descriptor)) {
    throw configurationError(
      `adapter "${specifier}" (${file}) exports no adapter descriptor: export \`adapter\` (and as the default export), made with defineAdapterDescriptor from @tokenomics/core`,
    );
  }
  return { descriptor, file };
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
    .join('; ');
}

const isFunction = z.custom<(...args: unknown[]) => unknown>((value) => typeof value === 'function', {
  error: 'must be a function',
});

/** What the gateway needs of an adapter before serving it (the conformance kit checks the rest). */
const economyShape = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  token: z.looseObject({ symbol: z.string().min(1), name: z.string(), decimals: z.number().int().min(0) }),
  capabilities: z.array(z.string()),
  preset: z.string(),
  source: isFunction,
  parameters: isFunction,
});

/** Options of {@link createAdapters}. */
export interface CreateAdaptersOptions extends Omit<LoadAdapterOptions, 'baseDir'> {
  /** The environment each adapter's `fromEnv` reads. Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Builds the configured protocols' economies, in configuration order, every
 * adapter the same way: its descriptor is loaded ({@link loadAdapterDescriptor}),
 * the environment is laid over the entry's options (`descriptor.fromEnv`),
 * the result is validated by the adapter's own `optionsSchema`, then
 * `descriptor.create` makes the economy.
 *
 * @throws TokenomicsError CONFIGURATION naming the protocol entry, with the adapter's own message, when an adapter cannot be loaded or refuses its options
 * @example
 * ```ts
 * import { createAdapters, createGateway, loadConfig } from '@tokenomics/gateway';
 *
 * const config = loadConfig({ defaultProtocols: [{ adapter: '@example/adapter-demo' }] });
 * const gateway = createGateway({ adapters: await createAdapters(config, { env: process.env }) });
 * ```
 */
export async function createAdapters(
  config: Pick<GatewayConfig, 'protocols' | 'baseDir'>,
  { env = process.env, ...load }: CreateAdaptersOptions = {},
): Promise<TokenEconomy[]> {
  const adapters: TokenEconomy[] = [];
  for (const [index, protocol] of config.protocols.entries()) {
    const entry = `protocols.${index} (adapter "${protocol.adapter}")`;
    const { descriptor } = await loadAdapterDescriptor(protocol.adapter, {
      ...load,
      baseDir: config.baseDir,
    });
    let economy: unknown;
    try {
      const options = descriptor.fromEnv(env, { ...protocol.options });
      const parsed = descriptor.optionsSchema.safeParse(options);
      if (!parsed.success) {
        throw configurationError(`${entry}: invalid options: ${issuesText(parsed.error)}`);
      }
      economy = descriptor.create(parsed.data);
    } catch (error) {
      if (error instanceof TokenomicsError && error.message.startsWith(entry)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw configurationError(`${entry}: ${reason}`, error);
    }
    const shape = economyShape.safeParse(economy);
    if (!shape.success) {
      const problems = shape.error.issues.map(
        (issue) => `${issue.path.join('.') || '(value)'}: ${issue.message}`,
      );
      throw configurationError(`${entry} did not return a TokenEconomy: ${problems.join('; ')}`);
    }
    adapters.push(economy as TokenEconomy);
  }
  return adapters;
}
