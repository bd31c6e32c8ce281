import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const TSCONFIG = join(ROOT, 'tsconfig.depcruise.json');
const TEMPLATE = 'tools/templates/adapter';

/** The files of the adapter skeleton every adapter package and the template have (docs/architecture.md). */
const SKELETON = ['index.ts', 'options.ts', 'token.ts', 'parameters.ts', 'state.ts', 'sources', 'model'];

async function violations(baseDir: string, paths: string[]): Promise<IViolation[]> {
  const options: ICruiseOptions = { ...(await extractDepcruiseOptions(CONFIG)), validate: true, baseDir };
  const result = await cruise(paths, options, {}, { tsConfig: extractTSConfig(TSCONFIG) });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser answered text, not a result');
  return result.output.summary.violations;
}

function show(violation: IViolation): string {
  const cycle = violation.cycle?.map((step) => step.name).join(' → ');
  return `${violation.rule.name}: ${violation.from} → ${cycle ?? violation.to}`;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Where the skeleton is missing a part, or a formula has no test beside it. */
function skeletonGaps(pkg: string): string[] {
  const src = join(ROOT, pkg, 'src');
  const gaps = SKELETON.filter((part) => !existsSync(join(src, part))).map(
    (part) => `${pkg}/src/${part} is missing`,
  );
  const formulas = join(src, 'formulas');
  if (existsSync(formulas)) {
    for (const file of filesUnder(formulas)) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      if (!existsSync(file.replace(/\.ts$/, '.test.ts')))
        gaps.push(`${relative(ROOT, file).split(sep).join('/')} has no test beside it`);
    }
  }
  return gaps;
}

function adapterPackages(): string[] {
  return readdirSync(join(ROOT, 'packages'))
    .filter((name) => name.startsWith('adapter-'))
    .map((name) => `packages/${name}`);
}

describe('the dependency rule (.dependency-cruiser.cjs)', () => {
  it('holds over every package’s src and the scaffold’s template', async () => {
    const sources = readdirSync(join(ROOT, 'packages'))
      .map((name) => `packages/${name}/src`)
      .filter((path) => existsSync(join(ROOT, path)));
    const found = await violations(ROOT, [...sources, `${TEMPLATE}/src`]);
    expect(found.map(show)).toEqual([]);
  }, 120_000);

  it('resolves the template’s imports: workspace names to their sources, `.js` specifiers to `.ts`', async () => {
    const options: ICruiseOptions = { ...(await extractDepcruiseOptions(CONFIG)), baseDir: ROOT };
    const result = await cruise([`${TEMPLATE}/src`], options, {}, { tsConfig: extractTSConfig(TSCONFIG) });
    if (typeof result.output === 'string') throw new Error('expected a cruise result');
    const index = result.output.modules.find((module) => module.source === `${TEMPLATE}/src/index.ts`);
    const targets = index?.dependencies.map((dependency) => dependency.resolved) ?? [];
    expect(targets).toContain('packages/core/src/index.ts');
    expect(targets).toContain(`${TEMPLATE}/src/model/supply.ts`);
    expect(index?.dependencies.filter((dependency) => dependency.couldNotResolve)).toEqual([]);
  }, 60_000);

  describe('catches each breach in a fixture', () => {
    const fixture = mkdtempSync(join(tmpdir(), 'dependency-rule-'));
    afterAll(() => rmSync(fixture, { recursive: true, force: true }));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), text);
    };
    const adapter = 'packages/adapter-fixture/src';
    write(`${adapter}/index.ts`, "export { supply } from './model/supply.js';\n");
    write(`${adapter}/state.ts`, 'export type State = { total: bigint };\n');
    write(
      `${adapter}/model/supply.ts`,
      "import { read } from '../sources/live.js';\nexport const supply = () => read();\n",
    );
    write(
      `${adapter}/sources/live.ts`,
      "import { rate } from '../model/rate.js';\nexport const read = () => rate;\n",
    );
    write(`${adapter}/model/rate.ts`, 'export const rate = 1;\n');
    write(
      `${adapter}/formulas/share.ts`,
      "import type { State } from '../state.js';\nexport const share = (s: State) => s.total;\n",
    );
    write(
      `${adapter}/options.ts`,
      "import { supply } from './index.js';\nexport const options = { supply };\n",
    );
    write(`${adapter}/cycle-a.ts`, "import { b } from './cycle-b.js';\nexport const a = () => b;\n");
    write(`${adapter}/cycle-b.ts`, "import { a } from './cycle-a.js';\nexport const b = () => a;\n");
    write(`${adapter}/other.ts`, "export { tokens } from '../../adapter-other/src/tokens.js';\n");
    write('packages/adapter-other/src/tokens.ts', 'export const tokens = 1;\n');
    // A model that is one file (src/model.ts) is held to the same rule.
    write('packages/adapter-other/src/model.ts', "export { read } from './sources/live.js';\n");
    write('packages/adapter-other/src/sources/live.ts', 'export const read = () => 1;\n');
    write(
      'packages/gateway/src/config.ts',
      "export { supply } from '../../adapter-fixture/src/model/supply.js';\n",
    );
    write('packages/core/src/economy.ts', "export { tokens } from '../../adapter-other/src/tokens.js';\n");
    write(
      'packages/cosmos-rest/src/glue.ts',
      "export { tokens } from '../../adapter-other/src/tokens.js';\n",
    );
    write(
      'packages/history/src/recorder.ts',
      "export { supply } from '../../adapter-fixture/src/model/supply.js';\n",
    );
    write('packages/client/src/client.ts', "export { tokens } from '../../core/src/economy.js';\n");
    write('packages/explorer/src/app.ts', "export { tokens } from '../../core/src/economy.js';\n");

    it('names the rule and the import for every breach, and passes the clean files', async () => {
      const found = (await violations(fixture, ['packages'])).map(show);
      expect(found).toEqual(
        expect.arrayContaining([
          `model-never-imports-sources: ${adapter}/model/supply.ts → ${adapter}/sources/live.ts`,
          `sources-never-import-model: ${adapter}/sources/live.ts → ${adapter}/model/rate.ts`,
          `formulas-import-only-formulas: ${adapter}/formulas/share.ts → ${adapter}/state.ts`,
          `nothing-imports-its-own-index: ${adapter}/options.ts → ${adapter}/index.ts`,
          `adapter-imports-only-core-and-cosmos-rest: ${adapter}/other.ts → packages/adapter-other/src/tokens.ts`,
          `gateway-imports-only-core: packages/gateway/src/config.ts → ${adapter}/model/supply.ts`,
          'core-imports-no-workspace-package: packages/core/src/economy.ts → packages/adapter-other/src/tokens.ts',
          'cosmos-rest-imports-only-core: packages/cosmos-rest/src/glue.ts → packages/adapter-other/src/tokens.ts',
          `history-imports-only-core: packages/history/src/recorder.ts → ${adapter}/model/supply.ts`,
          'client-imports-no-workspace-package: packages/client/src/client.ts → packages/core/src/economy.ts',
          'explorer-imports-only-client: packages/explorer/src/app.ts → packages/core/src/economy.ts',
          'model-never-imports-sources: packages/adapter-other/src/model.ts → packages/adapter-other/src/sources/live.ts',
        ]),
      );
      expect(found.filter((line) => line.startsWith('no-circular:')).join('\n')).toContain(
        `${adapter}/cycle-a.ts → ${adapter}/cycle-b.ts → ${adapter}/cycle-a.ts`,
      );
      expect(found).toHaveLength(13);
    }, 60_000);
  });
});

describe('the adapter skeleton', () => {
  it('the scaffold’s template has every part, and a test beside every formula', () => {
    expect(skeletonGaps(TEMPLATE)).toEqual([]);
  });

  it('every adapter package has every part, and a test beside every formula', () => {
    expect(adapterPackages()).toHaveLength(3);
    expect(adapterPackages().flatMap((pkg) => skeletonGaps(pkg))).toEqual([]);
  });

  it('sees a missing part and a formula without its test', () => {
    mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
    const pkg = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'skeleton-'));
    try {
      for (const part of [
        'index.ts',
        'options.ts',
        'token.ts',
        'parameters.ts',
        'sources/live.ts',
        'model/supply.ts',
      ])
        writeFileSync(join(mkdirOf(join(pkg, 'src', part)), part.split('/').pop() ?? part), '');
      writeFileSync(join(mkdirOf(join(pkg, 'src', 'formulas', 'x')), 'rate.ts'), '');
      writeFileSync(join(pkg, 'src', 'formulas', 'share.ts'), '');
      writeFileSync(join(pkg, 'src', 'formulas', 'share.test.ts'), '');
      const name = relative(ROOT, pkg).split(sep).join('/');
      expect(skeletonGaps(name)).toEqual([
        `${name}/src/state.ts is missing`,
        `${name}/src/formulas/rate.ts has no test beside it`,
      ]);
    } finally {
      rmSync(pkg, { recursive: true, force: true });
    }
  });
});

function mkdirOf(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  return dirname(file);
}
