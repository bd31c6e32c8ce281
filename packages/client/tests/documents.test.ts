import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const schema = buildSchema(readFileSync(`${packageDir}../gateway/schema.graphql`, 'utf8'));

/** Every `graphql(`…`)` document written in the package's examples, tests and README. */
function documents(): { file: string; text: string }[] {
  const files = [
    ...readdirSync(`${packageDir}examples`).map((f) => `examples/${f}`),
    ...readdirSync(`${packageDir}tests`).map((f) => `tests/${f}`),
    'README.md',
  ];
  return files
    .flatMap((file) =>
      [...readFileSync(`${packageDir}${file}`, 'utf8').matchAll(/graphql\(`([^`]*)`/g)].map((m) => ({
        file,
        text: m[1]!,
      })),
    )
    .filter(({ text }) => !text.includes('…')); // prose such as graphql(`fragment …`)
}

describe('the documents written against the gateway', () => {
  it('are valid against the committed schema', () => {
    const found = documents();
    expect(found.length).toBeGreaterThanOrEqual(4);
    for (const { file, text } of found) {
      const errors = validate(schema, parse(text)).map((e) => e.message);
      expect(errors, `${file}: ${text}`).toEqual([]);
    }
  });

  it('would catch an unknown field', () => {
    const errors = validate(schema, parse('{ protocols { bogus } }')).map((e) => e.message);
    expect(errors).toEqual(['Cannot query field "bogus" on type "Protocol".']);
  });
});
