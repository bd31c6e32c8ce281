import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryStore } from '@tokenomics/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecorder, embeddedHistoryStore } from '../src/index.js';
import { fakeChain } from './fake-chain.js';
import { observation, plain } from './observations.js';
import { storeContract } from './store-contract.js';

// PGlite's first open (initdb in WebAssembly) takes seconds on a busy machine:
// one store for the whole file, reopened where a restart is tested.
let dir: string;
let shared: HistoryStore | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tokenomics-history-'));
  shared = await embeddedHistoryStore({ dataDir: dir });
}, 180_000);

afterAll(async () => {
  await shared?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('embeddedHistoryStore (PGlite)', () => {
  storeContract({
    async open() {
      if (shared === null) shared = await embeddedHistoryStore({ dataDir: dir });
      const store = shared;
      // Tests close their store: the next one reopens the data directory.
      return {
        ...store,
        close: async () => {
          await store.close();
          if (shared === store) shared = null;
        },
      };
    },
    async reopen(store) {
      await store.close();
      shared = await embeddedHistoryStore({ dataDir: dir });
      return this.open();
    },
  });

  it('keeps its data in the data directory across close and reopen', async () => {
    const other = mkdtempSync(join(tmpdir(), 'tokenomics-history-'));
    try {
      const first = await embeddedHistoryStore({ dataDir: join(other, 'nested', 'history') });
      await first.append('session', [observation(7n, 0)]);
      await first.close();
      const second = await embeddedHistoryStore({ dataDir: join(other, 'nested', 'history') });
      const latest = await second.latest('session');
      expect(latest && plain(latest)).toEqual(plain(observation(7n, 0)));
      expect(await second.append('session', [observation(7n, 0)])).toBe(0);
      await second.close();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses a data directory another live process (or this one) holds, and takes over a dead one’s', async () => {
    if (shared === null) shared = await embeddedHistoryStore({ dataDir: dir });
    // This process holds it already.
    await expect(embeddedHistoryStore({ dataDir: dir })).rejects.toMatchObject({ code: 'CONFIGURATION' });
    await shared.close();
    shared = null;
    expect(existsSync(join(dir, 'tokenomics-history.lock'))).toBe(false);

    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, 'tokenomics-history.lock'), `${sleeper.pid}\n`);
      const refused = await embeddedHistoryStore({ dataDir: dir }).catch((error: Error) => error);
      expect(refused).toMatchObject({ code: 'CONFIGURATION' });
      expect((refused as Error).message).toContain(`process ${sleeper.pid}`);
      expect((refused as Error).message).toContain('DATABASE_URL');
    } finally {
      sleeper.kill('SIGKILL');
    }
    // A process that has exited leaves a stale lock: taken over.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(join(dir, 'tokenomics-history.lock'), `${gone.stdout}\n`);
    shared = await embeddedHistoryStore({ dataDir: dir });
    expect(await shared.latest('nothing')).toBeNull();
  }, 180_000);

  it('records a fake chain (always leading) and serves it after a restart', async () => {
    if (shared === null) shared = await embeddedHistoryStore({ dataDir: dir });
    const chain = fakeChain({ height: 50n });
    const recorder = createRecorder({
      store: shared,
      protocols: [{ id: 'embedded', history: chain.history }],
      start: false,
    });
    for (let i = 0; i < 3; i++) {
      await recorder.sampleOnce();
      chain.advance(2n);
    }
    expect(recorder.leading).toBe(true);
    await recorder.stop();
    await shared.close();
    shared = await embeddedHistoryStore({ dataDir: dir });
    const recorded = await shared.range('embedded', {
      from: new Date('2026-01-01Z'),
      to: new Date('2027-01-01Z'),
    });
    expect(recorded.map(plain)).toEqual([50n, 52n, 54n].map((h) => plain(chain.figuresAt(h))));
  }, 180_000);
});
