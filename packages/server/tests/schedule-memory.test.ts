import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SCHEDULE_ROW_BYTES } from '@tokenomics/gateway';
import { describe, expect, it } from 'vitest';

/**
 * A child process (`--expose-gc`, the built packages as `pnpm start` loads
 * them) asks both protocols for ten years of daily points, then a second
 * window, and reports the heap each kept schedule holds after a full
 * collection, per point.
 */
const SCRIPT = `
import { createGateway, createLogger } from '@tokenomics/gateway';
import { sessionAdapter } from '@tokenomics/adapter-session';
import { synternetAdapter } from '@tokenomics/adapter-synternet';

const gateway = createGateway({ adapters: [sessionAdapter(), synternetAdapter()], logger: createLogger('silent') });
const ask = async (from, to) => {
  const query = \`{ protocols { schedule(from: "\${from}", to: "\${to}", interval: DAY) { at total circulating liquid emitted emissionRate poolBalance } } }\`;
  const response = await gateway.yoga.fetch('http://localhost/graphql', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.protocols.reduce((sum, p) => sum + p.schedule.length, 0);
};
const settle = async () => { for (let i = 0; i < 4; i++) { await new Promise((r) => setImmediate(r)); globalThis.gc(); } };
// Every cache of the document, plan and model warm: the same shape, one day.
await ask('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z');
await settle();
const before = process.memoryUsage().heapUsed;
let points = await ask('2026-01-01T00:00:00Z', '2036-01-01T00:00:00Z');
points += await ask('2026-01-02T00:00:00Z', '2036-01-02T00:00:00Z');
await settle();
const after = process.memoryUsage().heapUsed;
process.stdout.write(JSON.stringify({ points, bytesPerPoint: (after - before) / points }));
await gateway.close();
`;

describe('a kept schedule', () => {
  it('holds its written rows, not its points as well', () => {
    const { stdout, stderr, status } = spawnSync(
      process.execPath,
      ['--expose-gc', '--input-type=module', '-e', SCRIPT],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' },
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const { points, bytesPerPoint } = JSON.parse(stdout) as { points: number; bytesPerPoint: number };
    expect(points).toBe(4 * 3653);
    // Points and rows both kept were about 940 bytes a point; the rows alone, the object and its
    // seven short strings, are under the estimate the memo counts them by.
    expect(bytesPerPoint).toBeGreaterThan(200);
    expect(bytesPerPoint).toBeLessThan(SCHEDULE_ROW_BYTES);
  });
});
