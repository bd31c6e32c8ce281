import { readFileSync, writeFileSync } from 'node:fs';
import { BUILT_IN_MANIFEST_URL, documentId, loadManifest, manifestOf } from '@tokenomics/gateway';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TABS } from '../src/examples.js';

/** The committed manifest as it should be: one trusted document per GraphiQL tab. */
const expected = `${JSON.stringify(manifestOf(EXAMPLE_TABS.map((tab) => tab.query)), null, 2)}\n`;

describe('the committed persisted-operations manifest', () => {
  it('holds exactly the GraphiQL example tabs (UPDATE_MANIFEST=1 rewrites it)', () => {
    if (process.env.UPDATE_MANIFEST === '1') writeFileSync(BUILT_IN_MANIFEST_URL, expected);
    expect(readFileSync(BUILT_IN_MANIFEST_URL, 'utf8')).toBe(expected);
    const manifest = loadManifest();
    expect(Object.keys(manifest)).toHaveLength(EXAMPLE_TABS.length);
    for (const tab of EXAMPLE_TABS) expect(manifest[documentId(tab.query)]).toBe(tab.query);
  });

  it('every tab reads its changing values from variables with defaults', () => {
    for (const tab of EXAMPLE_TABS) {
      // After the operation's header (its variables and their defaults): no quoted number or instant.
      const header = /query \w+(\([\s\S]*?\))?\s*\{/.exec(tab.query);
      expect(header).not.toBeNull();
      const selection = tab.query.slice((header?.index ?? 0) + (header?.[0].length ?? 0));
      expect(selection).not.toMatch(/"\d/);
    }
  });
});
