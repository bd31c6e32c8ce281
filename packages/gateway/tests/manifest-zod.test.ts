import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentId, loadManifest } from '../src/index.js';

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'm.json');
  writeFileSync(path, content);
  return path;
}

describe('loadManifest (zod)', () => {
  it('reads a manifest of documents by their sha256', () => {
    const query = '{ protocols { id } }';
    expect(loadManifest(file(JSON.stringify({ [documentId(query)]: query })))).toEqual({
      [documentId(query)]: query,
    });
  });

  it('refuses what is not an object of documents, or an id that is not its document hash', () => {
    for (const content of ['[]', '"x"', 'null', '3']) {
      expect(() => loadManifest(file(content))).toThrowError(
        expect.objectContaining({
          code: 'CONFIGURATION',
          message: expect.stringMatching(/ must be a JSON object of documents by their sha256$/),
        }),
      );
    }
    const wrong = 'a'.repeat(64);
    for (const manifest of [
      { [wrong]: '{ protocols { id } }' },
      { [documentId('{ a }')]: 3 },
      { short: '{ a }' },
    ]) {
      const id = Object.keys(manifest)[0]!;
      expect(() => loadManifest(file(JSON.stringify(manifest)))).toThrowError(
        expect.objectContaining({
          code: 'CONFIGURATION',
          message: expect.stringContaining(`: "${id}" is not the sha256 (lowercase hex) of its document`),
        }),
      );
    }
    expect(() => loadManifest(file('{'))).toThrowError(expect.objectContaining({ code: 'CONFIGURATION' }));
  });
});
