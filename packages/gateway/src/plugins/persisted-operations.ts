import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  defaultExtractPersistedOperationId,
  usePersistedOperations,
} from '@graphql-yoga/plugin-persisted-operations';
import { type SizedCacheStats, sizedCache, sizedCacheStats, TokenomicsError } from '@tokenomics/core';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { z } from 'zod';

/** The committed manifest of trusted documents: GraphiQL's example tabs, by the sha256 of each. */
export const BUILT_IN_MANIFEST_URL = new URL('../../persisted-operations.json', import.meta.url);

/** Bytes of documents registered by automatic persisted queries (2 per code unit): thousands of queries. */
export const DEFAULT_APQ_BYTES = 8 * 1024 * 1024;
/** What an entry costs besides its strings. */
const ENTRY_BYTES = 128;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Trusted documents by id: the id is the lowercase hex sha256 of the document's exact text. */
export type PersistedManifest = Readonly<Record<string, string>>;

/** Options of {@link usePersistedQueries}. */
export interface PersistedOperationsOptions {
  /**
   * Run documents sent in full (`query`). Default true: a public API. False
   * serves only the manifest's documents, by id, and refuses everything else
   * with `PERSISTED_QUERY_ONLY` (automatic registration is off too).
   */
  allowArbitrary?: boolean;
  /** The trusted documents. Default: the committed manifest ({@link loadManifest} of {@link BUILT_IN_MANIFEST_URL}). */
  manifest?: PersistedManifest;
  /** Bytes of documents kept from automatic registration (least recently used dropped first). Default {@link DEFAULT_APQ_BYTES}. */
  maxRegisteredBytes?: number;
}

/**
 * The lowercase hex sha256 of a document's text: its id in a manifest and
 * its `extensions.persistedQuery.sha256Hash` in the APQ protocol.
 *
 * @example
 * ```ts
 * import { documentId } from '@tokenomics/gateway';
 *
 * documentId('{ protocols { id } }'); // '6e0d4925c74e…' (64 hex digits)
 * ```
 */
export function documentId(query: string): string {
  return createHash('sha256').update(query, 'utf8').digest('hex');
}

/**
 * A manifest of the given documents, each under its {@link documentId}.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { manifestOf } from '@tokenomics/gateway';
 * import { EXAMPLE_TABS } from '@tokenomics/server';
 *
 * const manifest = manifestOf(EXAMPLE_TABS.map((tab) => tab.query));
 * writeFileSync('persisted-operations.json', `${JSON.stringify(manifest, null, 2)}\n`);
 * ```
 */
export function manifestOf(documents: readonly string[]): PersistedManifest {
  return Object.fromEntries(documents.map((query) => [documentId(query), query]));
}

/**
 * Reads and checks a manifest file: a JSON object of documents by id (the
 * format of GraphQL Code Generator's `persistedDocuments`), where every id
 * must be the sha256 of its document.
 *
 * @throws TokenomicsError CONFIGURATION when the file is unreadable, not such an object, or an id is not its document's hash
 * @example
 * ```ts
 * import type { TokenEconomy } from '@tokenomics/core';
 * import { createGateway, loadManifest } from '@tokenomics/gateway';
 *
 * declare const adapters: TokenEconomy[];
 *
 * const manifest = loadManifest('./persisted-operations.json');
 * createGateway({ adapters, persistedOperations: { manifest, allowArbitrary: false } });
 * ```
 */
export function loadManifest(file: string | URL = BUILT_IN_MANIFEST_URL): PersistedManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TokenomicsError(
      'CONFIGURATION',
      `persisted operations manifest ${String(file)}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const checked = manifestSchema.safeParse(parsed);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0]!;
  const id = issue.path[0];
  throw new TokenomicsError(
    'CONFIGURATION',
    typeof id === 'string'
      ? `persisted operations manifest ${String(file)}: "${id.slice(0, 80)}" is not the sha256 (lowercase hex) of its document`
      : `persisted operations manifest ${String(file)} must be a JSON object of documents by their sha256`,
  );
}

/** A manifest: a JSON object of documents by id, each id the sha256 (lowercase hex) of its document. */
const manifestSchema = z.record(z.string(), z.string()).superRefine((manifest, ctx) => {
  for (const [id, query] of Object.entries(manifest))
    if (!SHA256_HEX.test(id) || documentId(query) !== id)
      ctx.addIssue({ code: 'custom', path: [id], message: 'not the sha256 of its document' });
});

let builtIn: PersistedManifest | undefined;
/** The committed manifest, read once per process. */
function builtInManifest(): PersistedManifest {
  builtIn ??= loadManifest();
  return builtIn;
}

const badRequest = (message: string, code: string) =>
  createGraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * Persisted operations: trusted documents from a manifest, and automatic
 * persisted queries (Apollo's APQ protocol: `extensions.persistedQuery =
 * { version: 1, sha256Hash }`), over POST and GET.
 *
 * A request with a hash and no `query` runs the manifest's document of that
 * id, or a document registered earlier, or fails with
 * `PersistedQueryNotFound` (`extensions.code` `PERSISTED_QUERY_NOT_FOUND`),
 * which tells an APQ client to send the hash again with the query. A
 * request with both registers the query once it validates, provided the hash
 * is the query's sha256 (else `PERSISTED_QUERY_HASH_MISMATCH`, HTTP 400).
 * Registrations are kept in this process's memory, bounded by bytes: an
 * instance that has not seen a hash answers not found and the client
 * registers again (the protocol's own recovery), so no shared store is needed.
 *
 * With `allowArbitrary: false` only the manifest is served: a `query` is
 * refused with `PERSISTED_QUERY_ONLY` (HTTP 400) and nothing is registered.
 *
 * @example
 * ```ts
 * import { usePersistedQueries } from '@tokenomics/gateway';
 * import { type GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 *
 * declare const schema: GraphQLSchema;
 *
 * createYoga({ schema, plugins: [usePersistedQueries({ allowArbitrary: false })] });
 * ```
 */
export function usePersistedQueries(
  options: PersistedOperationsOptions = {},
): Plugin & { stats(): SizedCacheStats } {
  const allowArbitrary = options.allowArbitrary ?? true;
  const manifest = new Map(Object.entries(options.manifest ?? builtInManifest()));
  const registered = sizedCache<string, string>({
    maxBytes: options.maxRegisteredBytes ?? DEFAULT_APQ_BYTES,
    sizeOf: (query, id) => ENTRY_BYTES + 2 * (query.length + id.length),
  });
  // A registration waits for its document to validate: by the request's context.
  const pending = new WeakMap<object, { id: string; query: string }>();

  const persisted = usePersistedOperations<Record<string, unknown>>({
    allowArbitraryOperations: allowArbitrary,
    getPersistedOperation: (id) =>
      manifest.get(id) ?? (allowArbitrary ? registered.get(id) : undefined) ?? null,
    customErrors: {
      notFound: {
        message: 'PersistedQueryNotFound',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      },
      persistedQueryOnly: () =>
        badRequest(
          'Only persisted operations are served here: send the id of a trusted document as extensions.persistedQuery.sha256Hash, without a query.',
          'PERSISTED_QUERY_ONLY',
        ),
    },
  });

  return {
    stats: () => sizedCacheStats(registered),
    onParams(payload) {
      const { params, context } = payload;
      const id = persistedId(params);
      if (typeof params.query === 'string' && id !== null && allowArbitrary) {
        if (documentId(params.query) !== id) {
          throw badRequest(
            'provided sha does not match query: extensions.persistedQuery.sha256Hash must be the sha256 (lowercase hex) of the query text',
            'PERSISTED_QUERY_HASH_MISMATCH',
          );
        }
        if (!manifest.has(id) && !registered.has(id)) pending.set(context, { id, query: params.query });
      }
      // Neither a query nor a hash: yoga's own check answers "Must provide query string".
      if (params.query == null && id === null) return;
      return persisted.onParams?.(payload);
    },
    // Documents are served as text (parsed and validated like any query): the plugin's onParse/onValidate are not needed.
    onValidate({ context }) {
      const register = pending.get(context);
      if (!register) return;
      return ({ valid }) => {
        if (valid) registered.set(register.id, register.query);
      };
    },
  };
}

function persistedId(params: GraphQLParams): string | null {
  const id = defaultExtractPersistedOperationId(params, undefined as never, {});
  return typeof id === 'string' ? id.toLowerCase() : null;
}
