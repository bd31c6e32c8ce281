import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Docs that run: every TSDoc `@example` (a ```ts fence) in the sources of these
 * packages, and every ```ts fence of every package's README.md, of the root README.md and
 * of docs/**\/*.md, is type-checked as a user's file would be (workspace
 * packages by name, the repository's strict settings); every function a
 * package exports has one. Every package is here; the DOM's types are in scope
 * (the client and the explorer run in browsers).
 *
 * An example imports what a user imports by package name; the example of a
 * package-internal helper imports it by a path beside its own file
 * (`import { x } from './x.js'`), and is checked all the same.
 *
 * Not TypeScript on purpose (shell output, pseudo-code)? Fence it as ```text, or
 * mark it: `@example (not checked: reason)` in TSDoc, `<!-- not-checked: reason -->`
 * on the line before the fence in Markdown.
 */
export const DOC_PACKAGES: readonly string[] = [
  'core',
  'cosmos-rest',
  'adapter-session',
  'adapter-synternet',
  'adapter-cosmos-mint',
  'gateway',
  'history',
  'server',
  'client',
  'explorer',
];

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'node_modules', '.cache', 'doc-examples');

/** One example: where it is written, and its code. */
export interface Example {
  /** `path:line` of the fence's first code line. */
  where: string;
  code: string;
}

function filesUnder(folder: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? filesUnder(path, keep) : keep(path) ? [path] : [];
  });
}

const shown = (path: string) => relative(ROOT, path).split(sep).join('/');

/** The ```ts fences after `@example` tags in a source file's doc comments. */
export function tsdocExamples(path: string, text: string): Example[] {
  const examples: Example[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const tag = /^\s*\*\s*@example\b(.*)$/.exec(lines[index] ?? '');
    if (!tag || /\(not checked:/.test(tag[1] ?? '')) continue;
    let open = index + 1;
    while (open < lines.length && /^\s*\*\s*$/.test(lines[open] ?? '')) open++;
    if (!/^\s*\*\s*```(ts|typescript)\s*$/.test(lines[open] ?? '')) continue;
    const body: string[] = [];
    let close = open + 1;
    for (; close < lines.length && !/^\s*\*\s*```\s*$/.test(lines[close] ?? ''); close++) {
      body.push((lines[close] ?? '').replace(/^\s*\* ?/, ''));
    }
    examples.push({ where: `${shown(path)}:${open + 2}`, code: body.join('\n') });
    index = close;
  }
  return examples;
}

/** The ```ts fences of a Markdown file, but those marked `<!-- not-checked: reason -->`. */
export function markdownExamples(path: string, text: string): Example[] {
  const examples: Example[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const fence = /^(\s*)```(\S*)\s*$/.exec(lines[index] ?? '');
    if (!fence) continue;
    let close = index + 1;
    while (close < lines.length && !/^\s*```\s*$/.test(lines[close] ?? '')) close++;
    let before = index - 1;
    while (before >= 0 && (lines[before] ?? '').trim() === '') before--;
    const marked = /<!--\s*not-checked:/.test(lines[before] ?? '');
    if ((fence[2] === 'ts' || fence[2] === 'typescript') && !marked) {
      const indent = fence[1]?.length ?? 0;
      const body = lines
        .slice(index + 1, close)
        .map((line) => line.slice(Math.min(indent, line.search(/\S|$/))));
      examples.push({ where: `${shown(path)}:${index + 2}`, code: body.join('\n') });
    }
    index = close;
  }
  return examples;
}

export function collect(packages: readonly string[]): Example[] {
  const examples: Example[] = [];
  for (const pkg of packages) {
    const src = join(ROOT, 'packages', pkg, 'src');
    for (const file of filesUnder(src, (path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))) {
      examples.push(...tsdocExamples(file, readFileSync(file, 'utf8')));
    }
  }
  const markdown = [
    join(ROOT, 'README.md'),
    join(ROOT, 'bench', 'README.md'),
    ...readdirSync(join(ROOT, 'packages')).map((pkg) => join(ROOT, 'packages', pkg, 'README.md')),
    ...filesUnder(join(ROOT, 'docs'), (path) => path.endsWith('.md')),
  ];
  for (const file of markdown.filter((path) => existsSync(path))) {
    examples.push(...markdownExamples(file, readFileSync(file, 'utf8')));
  }
  return examples;
}

/**
 * An example's code with its relative imports (`'./state.js'`, `'../formulas/x.js'`) resolved
 * from the file the example is written in: the example of a package-internal helper imports it
 * as a maintainer of the package would, and is checked all the same. Everything a user calls is
 * imported by package name (`'@tokenomics/core'`).
 */
function besideItsFile(example: Example): string {
  const [path = ''] = example.where.split(/:(?=\d+$)/);
  const folder = dirname(join(ROOT, path));
  return example.code.replace(
    /(\bfrom\s+|\bimport\s+|\bimport\()(['"])(\.\.?\/[^'"]+)\2/g,
    (_, lead, quote, spec) => {
      const target = relative(OUT, join(folder, spec)).split(sep).join('/');
      return `${lead}${quote}${target.startsWith('.') ? target : `./${target}`}${quote}`;
    },
  );
}

/**
 * Writes the examples as files of their own under node_modules/.cache, where
 * `@tokenomics/*` and the packages' dependencies resolve as in a user's project,
 * and type-checks them in one program: `where: message` for each error.
 */
export function typeCheck(examples: Example[]): string[] {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'node_modules', '@tokenomics'), { recursive: true });
  writeFileSync(join(OUT, 'package.json'), '{ "type": "module", "private": true }\n');
  for (const pkg of readdirSync(join(ROOT, 'packages'))) {
    const manifest = join(ROOT, 'packages', pkg, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string };
    symlinkSync(join(ROOT, 'packages', pkg), join(OUT, 'node_modules', name), 'dir');
    // The package's own dependencies (zod, decimal.js, graphql…), as a user's install would have them.
    const modules = join(ROOT, 'packages', pkg, 'node_modules');
    for (const entry of existsSync(modules) ? readdirSync(modules) : []) {
      const names = entry.startsWith('@')
        ? readdirSync(join(modules, entry)).map((inner) => `${entry}/${inner}`)
        : [entry];
      for (const dependency of names) {
        const link = join(OUT, 'node_modules', dependency);
        if (dependency.startsWith('@tokenomics/') || dependency.startsWith('.') || existsSync(link)) continue;
        mkdirSync(dirname(link), { recursive: true });
        symlinkSync(join(modules, dependency), link, 'dir');
      }
    }
  }
  const origin = new Map<string, string>();
  const files = examples.map((example, index) => {
    const file = join(OUT, `example-${String(index).padStart(4, '0')}.ts`);
    // `export {}` keeps each example a module of its own (no clash of top-level names).
    writeFileSync(file, `${besideItsFile(example)}\nexport {};\n`);
    origin.set(file, example.where);
    return file;
  });
  const base = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(base.config, ts.sys, ROOT);
  const program = ts.createProgram(files, {
    ...parsed.options,
    noEmit: true,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    noUnusedLocals: false,
    // The explorer's and the client's examples run in browsers.
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    noUnusedParameters: false,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file === undefined || origin.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      if (!diagnostic.file) return `(program): ${message}`;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const [path, first] = (origin.get(diagnostic.file.fileName) ?? ':0').split(/:(?=\d+$)/);
      return `${path}:${Number(first) + line}: TS${diagnostic.code} ${message}`;
    });
}

/**
 * The functions a package exports (every entry of its `exports` map) that have no TSDoc `@example`:
 * `package/entry: name` for each. Internal helpers are not held to it; what a user can import is.
 */
export function undocumentedExports(packages: readonly string[]): string[] {
  const entries: { spec: string; file: string }[] = [];
  for (const pkg of packages) {
    const folder = join(ROOT, 'packages', pkg);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
      name: string;
      exports?: Record<string, { source?: string }>;
    };
    for (const [key, value] of Object.entries(manifest.exports ?? {})) {
      if (value.source)
        entries.push({ spec: manifest.name + key.slice(1), file: join(folder, value.source) });
    }
  }
  const base = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(base.config, ts.sys, ROOT);
  const program = ts.createProgram(
    entries.map((entry) => entry.file),
    { ...parsed.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const missing: string[] = [];
  for (const entry of entries) {
    const file = program.getSourceFile(entry.file);
    const module = file && checker.getSymbolAtLocation(file);
    if (!module) throw new Error(`cannot read the exports of ${entry.spec}`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & ts.SymbolFlags.Function)) continue;
      if (!symbol.getJsDocTags(checker).some((tag) => tag.name === 'example'))
        missing.push(`${entry.spec}: ${exported.name}`);
    }
  }
  return missing;
}
