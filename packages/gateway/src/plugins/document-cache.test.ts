import { buildSchema, type DocumentNode, type GraphQLError, parse, print, validate } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { shapedDocumentCache } from './document-cache.js';
import { documentLexicalShape, lexicalShape } from './validation-cache.js';

const schema = buildSchema(`
  input Window { from: String, to: String, step: Int }
  type Point { at: String, total: String }
  type Query {
    supply(at: String, scale: Float): Point
    schedule(window: Window, limit: Int, names: [String]): [Point]
    hello(name: String): String
  }
`);

const TEXTS = [
  '{ supply(at: "2026-01-01T00:00:00Z") { at total } }',
  `query Dashboard {
  first: supply(at: "2026-01-01T00:00:00Z", scale: 1.5) { at total }
  # a comment with "quotes" and 123
  second: supply(at: "2026-02-01T00:00:00Z") {
    ...F
  }
}
fragment F on Point { at total }`,
  'query Q($at: String = "2026-01-01") { supply(at: $at) { at } hello(name: "x\\ny") }',
  '{ schedule(window: { from: "2026-01-01", to: "2036-01-01", step: 30 }, limit: 500, names: ["a", "bb"]) { at @include(if: true) } }',
];

/** A seeded generator of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `text` with each literal's characters replaced by others of its kind, the same length. */
function variant(text: string, next: () => number): string {
  const shape = lexicalShape(text)!;
  let out = '';
  let from = 0;
  for (const literal of shape.literals) {
    const raw = text.slice(literal.start, literal.end);
    let made: string;
    if (literal.kind === 'StringValue') {
      const inner = Array.from(
        { length: raw.length - 2 },
        () => 'abcXYZ019 -:'[Math.floor(next() * 12)],
      ).join('');
      made = `"${inner}"`;
    } else {
      made = Array.from(raw, (character, index) =>
        /\d/.test(character) && !(index === 0 && raw.length > 1)
          ? String(Math.floor(next() * 10))
          : character,
      ).join('');
    }
    out += text.slice(from, literal.start) + made;
    from = literal.end;
  }
  return out + text.slice(from);
}

describe('shapedDocumentCache', () => {
  it('makes the document parse would make, for many texts of each shape, without parsing them', () => {
    const next = random(7);
    const cache = shapedDocumentCache();
    let made = 0;
    for (const text of TEXTS) {
      expect(cache.get(text)).toBeUndefined();
      cache.set(text, parse(text));
      for (let i = 0; i < 250; i++) {
        const other = variant(text, next);
        const document = cache.get(other);
        expect(document, other).toBeDefined();
        made++;
        const parsed = parse(other);
        // The same nodes, values and offsets (a Location serializes as its start and end)...
        expect(JSON.stringify(document)).toBe(JSON.stringify(parsed));
        expect(print(document!)).toBe(print(parsed));
        // ...the new text as the document's source, and its lexical shape already known.
        expect(document!.loc!.source.body).toBe(other);
        expect(documentLexicalShape(document!)!.literals.map((l) => l.value)).toEqual(
          lexicalShape(other)!.literals.map((l) => l.value),
        );
      }
    }
    expect(cache.stats().fromShape).toBe(made);
  });

  it('reports errors at the same lines and columns as a parsed document', () => {
    const text = `{
  supply(at: "2026-01-01T00:00:00Z", scale: 1.5) {
    at
    total
  }
  other: supply(at: 1234567890) { at }
}`;
    const cache = shapedDocumentCache();
    cache.set(text, parse(text));
    // An Int where a String goes is refused by validation: the error names the new literal, where it is.
    const other = text.replace('1.5', '2.5').replace('1234567890', '9876543210');
    const made = cache.get(other)!;
    expect(made).toBeDefined();
    const errors = (document: DocumentNode) =>
      validate(schema, document).map((error: GraphQLError) => ({
        message: error.message,
        locations: error.locations,
      }));
    expect(errors(made)).toEqual(errors(parse(other)));
    expect(errors(made)).toEqual([
      {
        message: 'String cannot represent a non string value: 9876543210',
        locations: [{ line: 6, column: 21 }],
      },
    ]);
    // A literal of another kind at the same place (a String for the Float) is another shape: parsed.
    expect(cache.get(other.replace('2.5', '"x"'))).toBeUndefined();
  });

  it('parses instead when anything but a literal differs, a length differs, or a literal is a block string', () => {
    const text = '{ supply(at: "2026-01-01T00:00:00Z") { at total } }';
    const cache = shapedDocumentCache();
    cache.set(text, parse(text));
    for (const other of [
      '{ supply(at: "2026-01-01T00:00:00Z")  { at total } }', // whitespace
      '{ supply(at: "2026-01-01T00:00:00.000Z") { at total } }', // a longer literal
      '{ supply(at: "2026-01-01T00:00:00Z") { at } }', // a field
      '{ supply(at: 20260101000000000000) { at total } }', // another kind, same length
      '{ supply(at: "2026-01-01T00:00:00Z") { at total }', // does not parse
      '{ supply(at: "\u0007") }', // does not lex
    ]) {
      expect(cache.get(other), other).toBeUndefined();
    }
    const block = '{ hello(name: """a\nb""") }';
    cache.set(block, parse(block));
    expect(cache.get('{ hello(name: """c\nd""") }')).toBeUndefined();
    // The same text again is the same document, as yoga's own cache gives it.
    expect(cache.get(text)).toBe(cache.get(text));
    expect(cache.stats().fromShape).toBe(0);
  });

  it('lexes nothing for a text made from a pattern: the same key and starts, the new literals', () => {
    const text = '{ supply(at: "2026-01-01T00:00:00Z", scale: 1.5) { at total } hello(name: "ab") }';
    const cache = shapedDocumentCache();
    const parsed = parse(text);
    cache.set(text, parsed);
    const other = text.replace('2026-01-01', '2031-07-09').replace('1.5', '2e3').replace('"ab"', '"c:"');
    const made = cache.get(other)!;
    const shape = documentLexicalShape(made)!;
    const pattern = documentLexicalShape(parsed)!;
    expect(shape.key).toBe(pattern.key);
    expect(shape.starts).toBe(pattern.starts);
    expect(shape).toEqual(lexicalShape(other));
    expect(JSON.stringify(made)).toBe(JSON.stringify(parse(other)));
  });

  it('parses instead when a new literal would not read as one plain token of its kind', () => {
    const text = '{ supply(at: "2026-01-01T00:00:00Z", scale: 1.5) { at } schedule(limit: 10) { at } }';
    const cache = shapedDocumentCache();
    cache.set(text, parse(text));
    for (const other of [
      text.replace('2026-01-01T00', '2026-01-01\\n0'), // an escape: its value is not its text
      text.replace('2026-01-01T00', '2026-01-01"00'), // a quote inside
      text.replace('2026-01-01T00', '2026-01-01\u00e900'), // not ASCII
      text.replace('1.5', '015'), // an Int where the shape has a Float
      text.replace('1.5', '1..'), // does not lex
      text.replace('limit: 10', 'limit: 01'), // a leading zero
      text.replace('limit: 10', 'limit: 1.'), // not a number
      text.replace('limit: 10', 'limit: -1'), // ...but this is one
    ]) {
      const made = cache.get(other);
      if (other.includes('limit: -1')) {
        expect(JSON.stringify(made)).toBe(JSON.stringify(parse(other)));
      } else {
        expect(made, other).toBeUndefined();
      }
    }
  });

  it('keeps several shapes of one text length apart', () => {
    const cache = shapedDocumentCache();
    const texts = [
      '{ a: supply(at: "x") { at } }',
      '{ b: supply(at: "x") { at } }',
      '{ hello(name: "xyzw") }   ',
    ];
    expect(new Set(texts.map((text) => text.length)).size).toBe(2);
    for (const text of texts) cache.set(text, parse(text));
    for (const text of texts) {
      const other = text.replace('"x"', '"y"').replace('"xyzw"', '"abcd"');
      expect(JSON.stringify(cache.get(other))).toBe(JSON.stringify(parse(other)));
    }
    expect(cache.stats().fromShape).toBe(3);
  });

  it('keeps no more than its bytes', () => {
    const cache = shapedDocumentCache({ maxBytes: 256 * 1024 });
    for (let i = 0; i < 200; i++) {
      const text = `{ a${i}: supply(at: "2026-01-01T00:00:00Z") { at total } }`;
      cache.set(text, parse(text));
    }
    const stats = cache.stats();
    expect(stats.bytes).toBeLessThanOrEqual(256 * 1024);
    expect(stats.entries).toBeGreaterThan(10);
    expect(stats.entries).toBeLessThan(400);
  });

  it('in yoga: a new literal of a known shape is not parsed, and answers as without the cache', async () => {
    let parses = 0;
    const countParses: Plugin = {
      onParse({ parseFn, setParseFn }) {
        setParseFn((source, options) => {
          parses++;
          return parseFn(source, options);
        });
      },
    };
    const resolvers = {
      Query: {
        supply: (_: unknown, { at, scale }: { at: string; scale?: number }) => ({
          at,
          total: String((scale ?? 1) * at.length),
        }),
      },
    };
    const documentCache = shapedDocumentCache();
    const cached = createYoga({
      schema: createSchemaWith(resolvers),
      plugins: [countParses],
      parserAndValidationCache: { documentCache },
      logging: false,
    });
    const plain = createYoga({ schema: createSchemaWith(resolvers), logging: false });
    const ask = async (yoga: typeof plain, query: string) => {
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
      return { status: response.status, body: await response.text() };
    };
    const at = (instant: string, scale = '1.5') =>
      `{ supply(at: "${instant}", scale: ${scale}) { at total } }`;
    expect(await ask(cached, at('2026-01-01T00:00:00Z'))).toEqual(
      await ask(plain, at('2026-01-01T00:00:00Z')),
    );
    expect(parses).toBe(1);
    for (const instant of ['2026-01-02T00:00:00Z', '2031-07-09T12:34:56Z', 'not-a-date-at-all!!!']) {
      const answer = await ask(cached, at(instant, '2.5'));
      expect(answer).toEqual(await ask(plain, at(instant, '2.5')));
      expect(JSON.parse(answer.body).data.supply.at).toBe(instant);
    }
    // A Float literal where the shape has one, refused by its scalar with the same error.
    const refused = await ask(cached, at('2026-01-01T00:00:00Z', '9e9999'));
    expect(refused).toEqual(await ask(plain, at('2026-01-01T00:00:00Z', '9e9999')));
    expect(parses).toBe(2); // '9e9999' is a Float of another length: parsed
    expect(documentCache.stats().fromShape).toBe(3);
  });
});

function createSchemaWith(resolvers: Record<string, Record<string, unknown>>) {
  const built = buildSchema(
    'type Point { at: String, total: String } type Query { supply(at: String, scale: Float): Point }',
  );
  const query = built.getQueryType()!.getFields();
  for (const [name, resolve] of Object.entries(resolvers.Query ?? {})) {
    query[name]!.resolve = resolve as never;
  }
  return built;
}
