import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  collect,
  DOC_PACKAGES,
  markdownExamples,
  tsdocExamples,
  typeCheck,
  undocumentedExports,
} from '../doc-examples.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('docs that run', () => {
  it('finds the examples: TSDoc fences after @example, Markdown ```ts fences, but the marked ones', () => {
    const source = [
      '/**',
      ' * Adds.',
      ' *',
      ' * @example',
      ' * ```ts',
      " * import { add } from 'x';",
      ' * add(1, 2); // 3',
      ' * ```',
      ' * @example (not checked: pseudo-code)',
      ' * ```ts',
      ' * add(…);',
      ' * ```',
      ' */',
    ].join('\n');
    expect(tsdocExamples(join(ROOT, 'a.ts'), source)).toEqual([
      { where: 'a.ts:6', code: "import { add } from 'x';\nadd(1, 2); // 3" },
    ]);
    const markdown = [
      '# A',
      '```ts',
      'const a = 1;',
      '```',
      '<!-- not-checked: output of a run -->',
      '```ts',
      'a = …',
      '```',
      '```text',
      'not code',
      '```',
      '  ```ts',
      '  const b = 2;',
      '  ```',
    ].join('\n');
    expect(markdownExamples(join(ROOT, 'b.md'), markdown)).toEqual([
      { where: 'b.md:3', code: 'const a = 1;' },
      { where: 'b.md:13', code: 'const b = 2;' },
    ]);
  });

  it('type-checks a good example and names the line of a bad one', () => {
    const errors = typeCheck([
      {
        where: 'good.md:1',
        code: "import { Decimal } from '@tokenomics/core';\nnew Decimal('1.5').toFixed();",
      },
      { where: 'bad.md:10', code: "import { Decimal } from '@tokenomics/core';\n\nnew Decimal('1').nope();" },
    ]);
    expect(errors).toEqual([expect.stringMatching(/^bad\.md:12: TS2339 Property 'nope' does not exist/)]);
  }, 120_000);

  it(`every example of ${DOC_PACKAGES.join(', ')}, every package README, the root README and docs/ type-checks`, () => {
    const packages = readdirSync(join(ROOT, 'packages')).filter((name) =>
      existsSync(join(ROOT, 'packages', name, 'package.json')),
    );
    expect([...DOC_PACKAGES].sort()).toEqual(packages.sort());
    const examples = collect(DOC_PACKAGES);
    expect(examples.length).toBeGreaterThan(50);
    expect(typeCheck(examples)).toEqual([]);
  }, 300_000);

  it('every function a package exports has an @example', () => {
    expect(undocumentedExports(DOC_PACKAGES)).toEqual([]);
  }, 120_000);
});
