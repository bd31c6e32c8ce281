import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Under the package (so imports resolve as a user's would) but in a dot folder
// (gitignored `.tmp/`) that the package's own type-check never includes.
const out = join(root, '.tmp', `examples-${process.pid}`);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The ```ts blocks of every @example in the package's sources (and core's HistoryStore). */
function examples(): Array<{ file: string; code: string }> {
  const files = [
    ...readdirSync(join(root, 'src'))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .map((name) => join(root, 'src', name)),
    join(root, '..', 'core', 'src', 'history-store.ts'),
  ];
  const found: Array<{ file: string; code: string }> = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/@example\n \* ```ts\n([\s\S]*?) \* ```/g)) {
      const code = (match[1] as string)
        .split('\n')
        .map((line) => line.replace(/^ \* ?/, ''))
        .join('\n');
      found.push({ file, code });
    }
  }
  return found;
}

it('every exported function has an @example, and every example type-checks', () => {
  const all = examples();
  const sources = readdirSync(join(root, 'src')).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'));
  const exportedFunctions = sources.flatMap((name) =>
    [...readFileSync(join(root, 'src', name), 'utf8').matchAll(/^export (?:async )?function (\w+)/gm)].map(
      (m) => m[1] as string,
    ),
  );
  const mentioned = all.map((e) => e.code).join('\n');
  expect(exportedFunctions.filter((name) => !mentioned.includes(`${name}(`))).toEqual([]);

  mkdirSync(out, { recursive: true });
  all.forEach(({ code }, index) => {
    // A relative import names a module beside the example's own (in src).
    writeFileSync(join(out, `example-${index}.ts`), `${code.replaceAll("'./", "'../../src/")}\nexport {};\n`);
  });
  writeFileSync(
    join(out, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../../../tsconfig.base.json',
      compilerOptions: { noEmit: true },
      include: ['.'],
    }),
  );
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', join(out, 'tsconfig.json')], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  expect(output).toBe('');
}, 120_000);
