#!/usr/bin/env node
// Scaffolds a new adapter package from tools/templates/adapter:
//   pnpm create-adapter <id> [--symbol SYM] [--dir <folder>]
// Plain Node ESM, no dependencies (arguments parsed by Node's util.parseArgs).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = join(REPO_ROOT, 'tools', 'templates', 'adapter');
const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SYMBOL = /^[A-Za-z0-9]{1,16}$/;
const USAGE = `Usage: pnpm create-adapter <id> [--symbol SYM] [--dir <folder>]

  <id>            the protocol id, lowercase kebab-case (e.g. "demo-coin"); the package is
                  @tokenomics/adapter-<id> in <folder>/adapter-<id>
  --symbol SYM    the token symbol (default: the id upper-cased, without dashes)
  --dir <folder>  where to create the package (default: packages/ of this repository)
  --help          this text`;

function fail(message) {
  process.stderr.write(`create-adapter: ${message}\n\n${USAGE}\n`);
  process.exit(1);
}

/** The command line, parsed by Node's `util.parseArgs`, with this tool's messages. */
function parseArguments(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        symbol: { type: 'string' },
        dir: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const code = error?.code;
    const option = /'(-[^' ]+)/.exec(String(error?.message))?.[1];
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option)
      fail(`${option.split(' ')[0]} needs a value`);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) fail(`unknown option ${option}`);
    fail(String(error?.message ?? error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  for (const key of ['symbol', 'dir']) {
    if (values[key]?.startsWith('--')) fail(`--${key} needs a value`);
  }
  if (positionals.length > 1) fail(`unexpected argument ${JSON.stringify(positionals[1])}: give one id`);
  return { id: positionals[0], symbol: values.symbol, dir: values.dir };
}

function words(id) {
  return id.split('-');
}

function listFiles(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function existingPackageNames() {
  const packages = join(REPO_ROOT, 'packages');
  if (!existsSync(packages)) return new Set();
  const names = new Set();
  for (const name of readdirSync(packages)) {
    const manifest = join(packages, name, 'package.json');
    if (existsSync(manifest)) names.add(JSON.parse(readFileSync(manifest, 'utf8')).name);
  }
  return names;
}

const args = parseArguments(process.argv.slice(2));
if (args.id === undefined) fail('give the new protocol id, e.g. "pnpm create-adapter demo-coin"');
const id = args.id;
if (!ID.test(id) || id.length > 24) {
  fail(
    `the id must be lowercase kebab-case (letters and digits, words joined by "-", starting with a letter, at most 24 characters), got ${JSON.stringify(id)}`,
  );
}
const symbol = args.symbol ?? id.replaceAll('-', '').toUpperCase();
if (!SYMBOL.test(symbol)) fail(`the symbol must be 1 to 16 letters or digits, got ${JSON.stringify(symbol)}`);

const packageName = `@tokenomics/adapter-${id}`;
const parent = args.dir === undefined ? join(REPO_ROOT, 'packages') : resolve(process.cwd(), args.dir);
const target = join(parent, `adapter-${id}`);
if (existsSync(target)) fail(`${target} already exists; choose another id or remove it`);
if (existingPackageNames().has(packageName))
  fail(`a package named ${packageName} already exists in packages/`);

const pascal = words(id)
  .map((word) => word[0].toUpperCase() + word.slice(1))
  .join('');
const replacements = {
  __ADAPTER_ID__: id,
  __PACKAGE_NAME__: packageName,
  __PASCAL_NAME__: pascal,
  __CAMEL_NAME__: pascal[0].toLowerCase() + pascal.slice(1),
  __DISPLAY_NAME__: words(id)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' '),
  __SYMBOL__: symbol,
  __ENV_PREFIX__: id.replaceAll('-', '_').toUpperCase(),
  __TSCONFIG_BASE__: relative(target, join(REPO_ROOT, 'tsconfig.base.json')).split(sep).join('/'),
};
const placeholder = new RegExp(Object.keys(replacements).join('|'), 'g');

const written = [];
for (const file of listFiles(TEMPLATE)) {
  const destination = join(target, relative(TEMPLATE, file));
  mkdirSync(dirname(destination), { recursive: true });
  writeFileSync(
    destination,
    readFileSync(file, 'utf8').replace(placeholder, (key) => replacements[key]),
  );
  written.push(relative(target, destination).split(sep).join('/'));
}

const shown = relative(process.cwd(), target) || '.';
const fromRoot = relative(REPO_ROOT, target).split(sep).join('/');
const inRepo = !fromRoot.startsWith('..');
process.stdout.write(`Created ${packageName} in ${shown} (${written.length} files):
${written
  .sort()
  .map((file) => `  ${file}`)
  .join('\n')}

Next steps:
  1. npx -y pnpm@10 install                 link @tokenomics/core into the new package
  2. npx -y pnpm@10 --filter ${packageName} build
  3. npx vitest run ${inRepo ? fromRoot : shown}     the conformance kit passes untouched
  4. add it to gateway.config.json and restart the gateway:
       { "protocols": [{ "adapter": "./${inRepo ? fromRoot : shown}", "options": { "id": "${id}" } }] }
  5. replace every TODO: cite each preset value's source, then grow the model
     (docs/adding-an-adapter.md)
`);
