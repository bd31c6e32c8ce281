import { type SizedCacheStats, sizedCache, sizedCacheStats } from '@tokenomics/core';
import { type ASTNode, type DocumentNode, Kind, Location, Source } from 'graphql';
import { type LexicalShape, type Literal, lexicalShape, noteLexicalShape } from './validation-cache.js';

/** The most bytes of parsed documents kept (by text, and by shape). Default 8 MiB. */
export const DEFAULT_DOCUMENT_CACHE_BYTES = 8 * 1024 * 1024;

/**
 * What a kept document is counted at per code unit of its text: the text
 * (2 bytes) and its syntax tree. Measured with `--expose-gc` on the
 * gateway's examples, a parsed document holds 40–60 bytes of heap per
 * character of its text; the rest is margin.
 */
const BYTES_PER_CHARACTER = 80;
/** What an entry costs besides its document: its key and its place in the LRU. */
const ENTRY_BYTES = 256;

/** What yoga asks of a document cache (`parserAndValidationCache.documentCache`). */
export interface DocumentCache {
  /** The parsed document of `text`, when it is kept or can be made from a kept one; else undefined, and yoga parses it. */
  get(text: string): DocumentNode | undefined;
  /** Keeps a document yoga has just parsed from `text`. */
  set(text: string, document: DocumentNode): void;
  /** Entries and bytes kept, and how many documents were made from a kept one instead of parsed. */
  stats(): SizedCacheStats & { fromShape: number };
}

/** Options of {@link shapedDocumentCache}. */
export interface DocumentCacheOptions {
  /** Bytes of documents kept, least recently used dropped first. Default {@link DEFAULT_DOCUMENT_CACHE_BYTES}. */
  maxBytes?: number;
}

/** A parsed document kept as the pattern of every text of its shape, and where its literals are. */
interface Pattern {
  document: DocumentNode;
  /** The literals' offsets, in source order. */
  starts: number[];
}

/**
 * The parsed documents yoga keeps (its `parserAndValidationCache`
 * option), by text as yoga keeps them, and by shape: a text that differs
 * from one already parsed only in the values of its string and number
 * literals, each of the same length, with every other character the same
 * (whitespace and comments included), is given that document with the new
 * literals in place of the old, without a parse. The dashboard at a new `at`
 * is such a text.
 *
 * The document made is the one `parse` would make: the same nodes and
 * values, each node at the same offsets, and the document's `loc.source` is
 * the new text (so its lexical shape, and every error's line and column, are
 * the new text's). Only the nodes on the way to a literal are new; the others
 * are the pattern's own (and their `loc.source` the pattern's text, whose
 * lines and columns are the same). A block string, which may hold a line
 * break, never makes a pattern. Both kinds of entry are bounded together by
 * their estimated bytes.
 *
 * @example
 * ```ts
 * import { createSchema, createYoga } from 'graphql-yoga';
 * import { shapedDocumentCache } from './document-cache.js';
 *
 * const schema = createSchema({ typeDefs: 'type Query { hello(name: String): String }' });
 * const documentCache = shapedDocumentCache();
 * createYoga({ schema, parserAndValidationCache: { documentCache } });
 * documentCache.stats().fromShape; // 0 until a second text of a shape is asked for
 * ```
 */
export function shapedDocumentCache(options: DocumentCacheOptions = {}): DocumentCache {
  const kept = sizedCache<string, DocumentNode | Pattern>({
    maxBytes: options.maxBytes ?? DEFAULT_DOCUMENT_CACHE_BYTES,
    sizeOf: (_, key) => ENTRY_BYTES + BYTES_PER_CHARACTER * key.length,
  });
  let fromShape = 0;
  // The last text lexed by `get`, so that `set` (called by yoga right after a miss) does not lex it again.
  let lastText: string | null = null;
  let lastShape: LexicalShape | null = null;

  const shapeOf = (text: string) => {
    if (text !== lastText) {
      lastText = text;
      lastShape = lexicalShape(text);
    }
    return lastShape;
  };

  return {
    get(text) {
      const document = kept.get(`t${text}`);
      if (document !== undefined) return document as DocumentNode;
      const shape = shapeOf(text);
      // A text without literals has no pattern to be made from.
      if (!shape || shape.literals.length === 0) return undefined;
      const key = patternKey(text, shape.literals);
      const pattern = key ? (kept.get(key) as Pattern | undefined) : undefined;
      if (!pattern) return undefined;
      const made = withLiterals(pattern, shape.literals, new Source(text));
      if (!made) return undefined;
      noteLexicalShape(made, shape);
      fromShape++;
      return made;
    },
    set(text, document) {
      kept.set(`t${text}`, document);
      const shape = shapeOf(text);
      noteLexicalShape(document, shape);
      const key = shape && patternKey(text, shape.literals);
      // A document parsed without locations cannot be a pattern: its literals could not be found.
      if (key && shape.literals.length > 0 && document.loc) {
        kept.set(key, { document, starts: shape.literals.map((literal) => literal.start) });
      }
    },
    stats: () => ({ ...sizedCacheStats(kept), fromShape }),
  };
}

/**
 * The key of a text's pattern: every character but its literals' own, with
 * each literal's kind and offset, and the text's length (so each literal's
 * length is fixed too). Null when a literal is a block string.
 */
function patternKey(text: string, literals: readonly Literal[]): string | null {
  const parts = ['p', String(text.length)];
  let from = 0;
  for (const literal of literals) {
    if (literal.block) return null;
    parts.push(text.slice(from, literal.start), `\u0001${literal.kind}@${literal.start}\u0001`);
    from = literal.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/**
 * The pattern's document with the literals at `starts` given the new values:
 * the nodes whose span holds a literal are copied (with a location in
 * `source`), every other node is the pattern's. Null unless each literal was
 * found as a value node (then the text is parsed instead).
 */
function withLiterals(pattern: Pattern, literals: readonly Literal[], source: Source): DocumentNode | null {
  const values = new Map<number, string>();
  for (const literal of literals) values.set(literal.start, literal.value);
  const starts = pattern.starts;
  let replaced = 0;
  const holdsLiteral = (node: ASTNode) => {
    const loc = node.loc;
    if (!loc) return false;
    for (const start of starts) if (start >= loc.start && start < loc.end) return true;
    return false;
  };
  const copy = <T extends ASTNode>(node: T): T => {
    if (!holdsLiteral(node)) return node;
    const loc = node.loc!;
    const copied: Record<string, unknown> = { ...node };
    const value = values.get(loc.start);
    if (
      (node.kind === Kind.STRING || node.kind === Kind.INT || node.kind === Kind.FLOAT) &&
      value !== undefined
    ) {
      copied.value = value;
      replaced++;
    } else {
      for (const name of Object.keys(copied)) {
        const child = copied[name];
        if (Array.isArray(child)) copied[name] = child.map((item) => (isNode(item) ? copy(item) : item));
        else if (name !== 'loc' && isNode(child)) copied[name] = copy(child);
      }
    }
    copied.loc = new Location(loc.startToken, loc.endToken, source);
    return copied as T;
  };
  const document = copy(pattern.document);
  return replaced === literals.length && document !== pattern.document ? document : null;
}

function isNode(value: unknown): value is ASTNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
  );
}
