import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DateTime, Decimal } from '../src/index.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const examplePath = `${packageDir}examples/frontend.ts`;
const example = readFileSync(examplePath, 'utf8');

/** The README's code block after `<!-- example: examples/frontend.ts -->`. */
function readmeExample(): string {
  const readme = readFileSync(`${packageDir}README.md`, 'utf8');
  const match = /<!-- example: examples\/frontend\.ts -->\s*```ts\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README.md has no example block');
  return match[1]!;
}

/**
 * Type-checks the example (or a variant of its text) as the package's tsconfig.json does, with the
 * TypeScript compiler API; returns the diagnostics as text.
 */
let previous: ts.Program | undefined;
function typeCheck(text: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${packageDir}tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (file === examplePath ? text : readFile(file));
  const program = ts.createProgram([examplePath], { ...config.options, noEmit: true }, host, previous);
  previous = program;
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('the README example', () => {
  it('is examples/frontend.ts verbatim', () => {
    expect(readmeExample()).toBe(example);
  });

  it('type-checks under strict TypeScript', { timeout: 120_000 }, () => {
    expect(typeCheck(example)).toEqual([]);
    // The checker is live: a field the document does not select, or a Decimal used as a number, does not compile.
    const broken = typeCheck(
      example
        .replace('formatAmount(supply.circulating', 'formatAmount(supply.staked')
        .replace('maxFractionDigits: 0', 'maxFractionDigits: supply.circulating * 0'),
    ).join('\n');
    expect(broken).toMatch(/Property 'staked' does not exist/);
    expect(broken).toMatch(/arithmetic operation/);
  });
});

describe('the branded scalars', () => {
  it('are strings, and a plain string is not one', () => {
    expectTypeOf<Decimal>().toExtend<string>();
    expectTypeOf<DateTime>().toExtend<string>();
    expectTypeOf<string>().not.toExtend<Decimal>();
    expectTypeOf<Decimal>().not.toExtend<DateTime>();
  });
});
