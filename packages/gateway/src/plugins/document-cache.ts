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

/** How many patterns of one text length are kept (the most recently made first). */
const PATTERNS_PER_LENGTH = 4;

/**
 * The nodes of a pattern's document on the way to its literals: for a node,
 * the properties (and list indexes) whose nodes hold a literal, each with its
 * own steps; none for the literal's own value node.
 */
interface CopySteps {
  steps: Array<{ key: string; index: number; next: CopySteps }>;
  /** For a literal's value node: which literal, in source order (else -1). */
  literal: number;
}

/** A parsed document kept as the pattern of every text of its shape, and where its literals are. */
interface Pattern {
  document: DocumentNode;
  /** Its text's lexical shape: a text made from it shares its `key` and `starts`. */
  shape: LexicalShape;
  /** The text between its literals (one more than there are literals), compared as they are. */
  gaps: string[];
  /** The nodes a new text's document copies: only those on the way to a literal. */
  copy: CopySteps;
}

/**
 * The parsed documents yoga keeps (its `parserAndValidationCache`
 * option), by text as yoga keeps them, and by shape: a text that differs
 * from one already parsed only in the values of its string and number
 * literals, each of the same length, with every other character the same
 * (whitespace and comments included), is given that document with the new
 * literals in place of the old, without a parse or a lexing. The dashboard
 * at a new `at` is such a text.
 *
 * The document made is the one `parse` would make: the same nodes and
 * values, each node at the same offsets, and the document's `loc.source` is
 * the new text (so every error's line and column are the new text's). Its
 * lexical shape is known without lexing it: the pattern's, with the new
 * literals (the same `key` and `starts`, so the caches keyed by them find
 * it at once). Only the nodes on the way to a literal are new; the others
 * are the pattern's own (and their `loc.source` the pattern's text, whose
 * lines and columns are the same). A new literal is taken only when it reads
 * as one token of the pattern's kind by itself: a number of that kind, or a
 * string of printable ASCII without escapes (any other text is parsed). A
 * block string, which may hold a line break, never makes a pattern. Both
 * kinds of entry are bounded together by their estimated bytes.
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
  // By text (`t…`), and the patterns of each text length (`l…`).
  const kept = sizedCache<string, DocumentNode | Pattern[]>({
    maxBytes: options.maxBytes ?? DEFAULT_DOCUMENT_CACHE_BYTES,
    sizeOf: (value, key) =>
      Array.isArray(value)
        ? value.reduce(
            (sum, pattern) => sum + ENTRY_BYTES + (BYTES_PER_CHARACTER + 2) * textOf(pattern).length,
            0,
          )
        : ENTRY_BYTES + BYTES_PER_CHARACTER * key.length,
  });
  let fromShape = 0;

  return {
    get(text) {
      const document = kept.get(`t${text}`);
      if (document !== undefined) return document as DocumentNode;
      const patterns = kept.get(`l${text.length}`) as Pattern[] | undefined;
      if (!patterns) return undefined;
      for (const pattern of patterns) {
        const literals = literalsIn(pattern, text);
        if (!literals) continue;
        const made = withLiterals(pattern, literals, new Source(text));
        noteLexicalShape(made, { key: pattern.shape.key, starts: pattern.shape.starts, literals });
        fromShape++;
        return made;
      }
      return undefined;
    },
    set(text, document) {
      kept.set(`t${text}`, document);
      const shape = lexicalShape(text);
      noteLexicalShape(document, shape);
      // A document parsed without locations cannot be a pattern: its literals could not be found.
      if (!shape || shape.literals.length === 0 || !document.loc) return;
      if (shape.literals.some((literal) => literal.block)) return;
      const copy = copyStepsOf(document, shape.literals);
      if (!copy) return;
      const pattern: Pattern = { document, shape, gaps: gapsOf(text, shape.literals), copy };
      const key = `l${text.length}`;
      const others = ((kept.get(key) as Pattern[] | undefined) ?? []).filter(
        (other) => !sameGaps(other.gaps, pattern.gaps),
      );
      kept.set(key, [pattern, ...others].slice(0, PATTERNS_PER_LENGTH));
    },
    stats: () => ({ ...sizedCacheStats(kept), fromShape }),
  };
}

function textOf(pattern: Pattern): string {
  return pattern.document.loc?.source.body ?? '';
}

/** The text between the literals, in order: before the first, between each two, after the last. */
function gapsOf(text: string, literals: readonly Literal[]): string[] {
  const gaps: string[] = [];
  let from = 0;
  for (const literal of literals) {
    gaps.push(text.slice(from, literal.start));
    from = literal.end;
  }
  gaps.push(text.slice(from));
  return gaps;
}

function sameGaps(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((gap, index) => gap === b[index]);
}

const INT = /^-?(?:0|[1-9][0-9]*)$/;
const FLOAT = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * The literals of `text` (of the pattern's text length) when every character
 * outside the pattern's literals is the pattern's and each literal's span
 * reads as one token of the same kind by itself; else null. The lexer would
 * read the same tokens: the characters around each span are the pattern's,
 * which ended a token of that kind there.
 */
function literalsIn(pattern: Pattern, text: string): Literal[] | null {
  const { gaps } = pattern;
  const old = pattern.shape.literals;
  const literals: Literal[] = [];
  let at = 0;
  for (let i = 0; i < old.length; i++) {
    const gap = gaps[i]!;
    if (!text.startsWith(gap, at)) return null;
    const { kind, start, end } = old[i]!;
    const value = literalValue(text, start, end, kind);
    if (value === null) return null;
    literals.push({ kind, value, block: false, start, end });
    at = end;
  }
  return text.startsWith(gaps[old.length]!, at) ? literals : null;
}

/** The value of the token at `start`..`end` of `text` if it is a plain literal of `kind`, else null. */
function literalValue(text: string, start: number, end: number, kind: Literal['kind']): string | null {
  if (kind === Kind.STRING) {
    if (text.charCodeAt(start) !== 0x22 || text.charCodeAt(end - 1) !== 0x22 || end - start < 2) return null;
    for (let i = start + 1; i < end - 1; i++) {
      const code = text.charCodeAt(i);
      // Printable ASCII but the quote and the backslash: the token ends at the span's last quote, its value the rest.
      if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c) return null;
    }
    return text.slice(start + 1, end - 1);
  }
  const value = text.slice(start, end);
  if (kind === Kind.INT) return INT.test(value) ? value : null;
  return FLOAT.test(value) && !INT.test(value) ? value : null;
}

/** Whether a node's span holds one of the literals. */
function holdsLiteral(node: ASTNode, literals: readonly Literal[]): boolean {
  const loc = node.loc;
  if (!loc) return false;
  for (const { start } of literals) if (start >= loc.start && start < loc.end) return true;
  return false;
}

/**
 * The steps from the document to each literal's value node, found once per
 * pattern; null unless each literal is found as a string or number value node.
 */
function copyStepsOf(document: DocumentNode, literals: readonly Literal[]): CopySteps | null {
  let found = 0;
  const indexOf = new Map(literals.map((literal, index) => [literal.start, index]));
  const walk = (node: ASTNode): CopySteps => {
    const literal = node.loc ? indexOf.get(node.loc.start) : undefined;
    if (
      (node.kind === Kind.STRING || node.kind === Kind.INT || node.kind === Kind.FLOAT) &&
      literal !== undefined
    ) {
      found++;
      return { steps: [], literal };
    }
    const steps: CopySteps['steps'] = [];
    for (const [key, child] of Object.entries(node)) {
      if (key === 'loc') continue;
      if (Array.isArray(child)) {
        child.forEach((item, index) => {
          if (isNode(item) && holdsLiteral(item, literals)) steps.push({ key, index, next: walk(item) });
        });
      } else if (isNode(child) && holdsLiteral(child, literals)) {
        steps.push({ key, index: -1, next: walk(child) });
      }
    }
    return { steps, literal: -1 };
  };
  const copy = walk(document);
  return found === literals.length ? copy : null;
}

/**
 * The pattern's document with the new literals' values: the nodes on the way
 * to a literal are copied (with a location in `source`), every other node is
 * the pattern's.
 */
function withLiterals(pattern: Pattern, literals: readonly Literal[], source: Source): DocumentNode {
  const copy = <T extends ASTNode>(node: T, { steps, literal }: CopySteps): T => {
    const copied: Record<string, unknown> = { ...node };
    if (literal >= 0) {
      copied.value = literals[literal]!.value;
    } else {
      const original = node as unknown as Record<string, unknown>;
      for (const { key, index, next: below } of steps) {
        if (index < 0) {
          copied[key] = copy(original[key] as ASTNode, below);
          continue;
        }
        // A list is copied once, at its first step; its other steps write into that copy.
        if (copied[key] === original[key]) copied[key] = (original[key] as unknown[]).slice();
        const list = copied[key] as ASTNode[];
        list[index] = copy(list[index]!, below);
      }
    }
    const loc = node.loc!;
    copied.loc = new Location(loc.startToken, loc.endToken, source);
    return copied as T;
  };
  return copy(pattern.document, pattern.copy);
}

function isNode(value: unknown): value is ASTNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
  );
}
