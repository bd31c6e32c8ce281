import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../src/index.js';

describe('memoryStore (core sizedCache)', () => {
  it('keeps at most its bytes: the least recently used entries go first', async () => {
    // Before: a Keyv Map that only dropped an expired entry when it was read again, so it grew without end.
    const store = memoryStore('t', { maxBytes: 64 * 1024 });
    const value = 'x'.repeat(1_000); // about 2 KB an entry
    for (let i = 0; i < 1_000; i++) await store.set(`key-${i}`, value, 60_000);
    expect(await store.get('key-0')).toBeUndefined();
    expect(await store.get('key-999')).toBe(value);
    let kept = 0;
    for (let i = 0; i < 1_000; i++) if ((await store.get(`key-${i}`)) !== undefined) kept++;
    expect(kept).toBeGreaterThan(20);
    expect(kept).toBeLessThanOrEqual(32); // 64 KiB / (2 × 1,005 + 128) bytes
  });

  it('forgets an entry once its TTL is over, and on delete', async () => {
    const store = memoryStore();
    await store.set('short', 'a', 5);
    await store.set('long', 'b', 60_000);
    await sleep(50);
    expect(await store.get('short')).toBeUndefined();
    expect(await store.get('long')).toBe('b');
    await store.delete('long');
    expect(await store.get('long')).toBeUndefined();
    await store.close();
  });
});
