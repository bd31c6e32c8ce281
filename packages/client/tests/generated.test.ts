import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/generate.mjs', import.meta.url));

describe('src/graphql-env.ts', () => {
  it('is what scripts/generate.mjs makes from the committed schema', () => {
    // Exits 1 (and execFileSync throws) when the committed introspection is out of date.
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
