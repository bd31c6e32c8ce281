import { type SizedCacheStats, sizedCache, sizedCacheStats } from '@tokenomics/core';
import {
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isScalarType,
  Kind,
  Lexer,
  Source,
  TokenKind,
  TypeInfo,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The most bytes (2 per code unit of the keys, plus the entries) of document shapes kept. Default 4 MiB. */
export const DEFAULT_VALIDATION_SHAPE_BYTES = 4 * 1024 * 1024;
/** What an entry costs besides its key: its list of types, its place in the LRU. */
const ENTRY_BYTES = 128;

/** A literal of the source, as the lexer read it. */
export interface Literal {
  kind: Kind.STRING | Kind.INT | Kind.FLOAT;
  value: string;
  block: boolean;
  /** Its offset in the source. */
  start: number;
  /** The offset just after it. */
  end: number;
}

/** A document's shape: its tokens with every string and number literal replaced by its kind, and the literals. */
export interface LexicalShape {
  key: string;
  literals: Literal[];
  /** Every token's offset in the source, in order: with the key, it fixes where each field is. */
  starts: number[];
}

/**
 * The lexical shape of a GraphQL source: every token in order (names and
 * punctuation as they are, comments and whitespace dropped), string and
 * number literals replaced by a mark of their kind. Two documents with the
 * same shape differ only in those literals' values, so one validation of the
 * shape holds for both once each literal is checked against the type its
 * position expects. Null when the source does not lex.
 *
 * @example
 * ```ts
 * import { lexicalShape } from './validation-cache.js';
 * lexicalShape('{ protocol(id: "example") { id } }')!.key; // '{ protocol ( id : \u0001s ) { id } }'
 * ```
 */
export function lexicalShape(body: string): LexicalShape | null {
  const parts: string[] = [];
  const literals: Literal[] = [];
  const starts: number[] = [];
  try {
    const lexer = new Lexer(new Source(body));
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      starts.push(token.start);
      switch (token.kind) {
        case TokenKind.STRING:
        case TokenKind.BLOCK_STRING:
          literals.push({
            kind: Kind.STRING,
            value: token.value,
            block: token.kind === TokenKind.BLOCK_STRING,
            start: token.start,
            end: token.end,
          });
          parts.push('\u0001s');
          break;
        case TokenKind.INT:
        case TokenKind.FLOAT: {
          const int = token.kind === TokenKind.INT;
          const kind = int ? Kind.INT : Kind.FLOAT;
          literals.push({ kind, value: token.value, block: false, start: token.start, end: token.end });
          parts.push(int ? '\u0001i' : '\u0001f');
          break;
        }
        default:
          parts.push(token.value ?? token.kind);
      }
    }
  } catch {
    return null;
  }
  return { key: parts.join(' '), literals, starts };
}

/** Lexical shapes by parsed document: a document is lexed once, by whichever plugin asks first. */
const documentShapes = new WeakMap<DocumentNode, LexicalShape | null>();

/**
 * The {@link lexicalShape} of a parsed document's source, computed once per
 * document (the validation cache and the compiled plans both read it);
 * null when the document has no source or it does not lex.
 *
 * @example
 * ```ts
 * import { parse } from 'graphql';
 * import { documentLexicalShape } from './validation-cache.js';
 * documentLexicalShape(parse('{ protocol(id: "example") { id } }'))!.literals[0]!.value; // 'example'
 * ```
 */
export function documentLexicalShape(document: DocumentNode): LexicalShape | null {
  let shape = documentShapes.get(document);
  if (shape === undefined) {
    const body = document.loc?.source.body;
    shape = body === undefined ? null : lexicalShape(body);
    documentShapes.set(document, shape);
  }
  return shape;
}

/**
 * Records the lexical shape of a document's source, already computed by
 * whoever made the document (the document cache lexes each text it is asked
 * for), so that {@link documentLexicalShape} does not lex it again.
 *
 * @example
 * ```ts
 * import { parse } from 'graphql';
 * import { documentLexicalShape, lexicalShape, noteLexicalShape } from './validation-cache.js';
 * const text = '{ protocol(id: "example") { id } }';
 * const shape = lexicalShape(text);
 * const document = parse(text);
 * noteLexicalShape(document, shape);
 * documentLexicalShape(document) === shape; // true
 * ```
 */
export function noteLexicalShape(document: DocumentNode, shape: LexicalShape | null): void {
  documentShapes.set(document, shape);
}

/**
 * The named input type each string and number literal of a valid document
 * stands for, in source order; null when one is not a scalar's (then the
 * shape is not kept).
 */
function literalTypes(schema: GraphQLSchema, document: DocumentNode): GraphQLNamedType[] | null {
  const found: Array<{ start: number; type: GraphQLNamedType | null }> = [];
  const typeInfo = new TypeInfo(schema);
  const note = (node: ValueNode) => {
    const type = typeInfo.getInputType();
    const named = type ? getNamedType(type) : null;
    found.push({ start: node.loc?.start ?? -1, type: named && isScalarType(named) ? named : null });
  };
  visit(document, visitWithTypeInfo(typeInfo, { StringValue: note, IntValue: note, FloatValue: note }));
  found.sort((a, b) => a.start - b.start);
  const types: GraphQLNamedType[] = [];
  for (const { start, type } of found) {
    if (start < 0 || type === null) return null;
    types.push(type);
  }
  return types;
}

/** Whether each literal is a valid literal of its type: what graphql-js's ValuesOfCorrectTypeRule asks. */
function literalsValid(types: readonly GraphQLNamedType[], literals: readonly Literal[]): boolean {
  if (types.length !== literals.length) return false;
  for (let i = 0; i < literals.length; i++) {
    const type = types[i]!;
    const literal = literals[i]!;
    if (!isScalarType(type)) return false;
    const node: ValueNode =
      literal.kind === Kind.STRING
        ? { kind: Kind.STRING, value: literal.value, block: literal.block }
        : { kind: literal.kind, value: literal.value };
    try {
      if (type.parseLiteral(node, undefined) === undefined) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Options of {@link useValidationCache}. */
export interface ValidationCacheOptions {
  /** Bytes of shapes kept, least recently used dropped first. Default {@link DEFAULT_VALIDATION_SHAPE_BYTES}. */
  maxBytes?: number;
}

/**
 * Validation cached by document shape ({@link lexicalShape}): a document
 * that differs from one already found valid only in its string and number
 * literals (a new `at`, a new schedule window) skips validation once each of
 * its literals parses as the scalar its position expects, so a new literal
 * costs what a new variable costs. Anything else is validated as usual: a
 * new shape, or a literal its scalar refuses (then the full validation
 * reports it, with the same error as without this cache). Only valid
 * documents are kept, and every rule the gateway adds (depth, aliases, cost,
 * introspection) is about the document's structure, which the shape fixes.
 *
 * @example
 * ```ts
 * import { createSchema, createYoga } from 'graphql-yoga';
 * import { useValidationCache } from './validation-cache.js';
 * const schema = createSchema({ typeDefs: 'type Query { hello(name: String): String }' });
 * createYoga({ schema, plugins: [useValidationCache()] });
 * ```
 */
export function useValidationCache(
  options: ValidationCacheOptions = {},
): Plugin & { stats(): SizedCacheStats & { hits: number } } {
  const shapes = sizedCache<string, GraphQLNamedType[]>({
    maxBytes: options.maxBytes ?? DEFAULT_VALIDATION_SHAPE_BYTES,
    sizeOf: (types, key) => ENTRY_BYTES + 2 * key.length + 8 * types.length,
  });
  let hits = 0;
  let schemaOfShapes: GraphQLSchema | null = null;
  return {
    stats: () => ({ ...sizedCacheStats(shapes), hits }),
    onValidate({ params, setResult }) {
      if (schemaOfShapes !== params.schema) {
        schemaOfShapes = params.schema;
        shapes.clear();
      }
      const shape = documentLexicalShape(params.documentAST);
      if (!shape) return;
      const types = shapes.get(shape.key);
      if (types && literalsValid(types, shape.literals)) {
        hits++;
        setResult([]);
        return;
      }
      if (types) return;
      return ({ valid }) => {
        if (!valid) return;
        const found = literalTypes(params.schema, params.documentAST);
        if (found && found.length === shape.literals.length) shapes.set(shape.key, found);
      };
    },
  };
}
