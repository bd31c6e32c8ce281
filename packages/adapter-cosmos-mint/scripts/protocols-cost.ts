/**
 * The cost of many x/mint protocols at a new instant: 200 instances' supply
 * and rewards at an instant none of them has seen, timed per round, the
 * median of 5 rounds (issue 16's lever), in wall time and in this process's
 * CPU time (`process.cpuUsage`, far less sensitive to other load on the
 * machine). Run from the repository root:
 * `bench/node_modules/.bin/tsx packages/adapter-cosmos-mint/scripts/protocols-cost.ts [module]`
 * (module: the adapter's index to time, default this package's source).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

type Economy = {
  supply?: (query: { at: Date }) => Promise<unknown>;
  rewards?: (query: { at: Date }) => Promise<unknown>;
};
const modulePath = process.argv[2] ?? new URL('../src/index.ts', import.meta.url).pathname;
const { cosmosMintAdapter } = (await import(pathToFileURL(modulePath).href)) as {
  cosmosMintAdapter: (options: { id: string }) => Economy;
};

const PROTOCOLS = 200;
const ROUNDS = 5;
const economies = Array.from({ length: PROTOCOLS }, (_, index) => cosmosMintAdapter({ id: `hub-${index}` }));
// Warm-up at its own instant (module loading, JIT), not counted.
await Promise.all(
  economies.map(async (economy) => [await economy.supply!({ at: new Date('2020-01-01T00:00:00Z') })]),
);

const times: number[] = [];
const cpuTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const at = new Date(Date.UTC(2022, 0, 1 + round * 37, 13, round));
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const economy of economies) {
    await economy.supply!({ at });
    await economy.rewards!({ at });
  }
  times.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuStarted);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
}
const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const median = medianOf(times);
const cpuMedian = medianOf(cpuTimes);
console.log(
  `${PROTOCOLS} protocols, supply + rewards at a new instant: median ${median.toFixed(1)} ms wall (${(median / PROTOCOLS).toFixed(3)} ms per protocol), ${cpuMedian.toFixed(1)} ms CPU (${(cpuMedian / PROTOCOLS).toFixed(3)} ms per protocol); wall rounds ${times.map((time) => time.toFixed(1)).join(', ')}`,
);
