/**
 * The hostile mix's load loops, in a process of their own: `runHostile`
 * (src/lib/hostile.ts) starts this under `nice`, so that the loops, which
 * stand in for clients on other machines, do not take the cores from the
 * gateway and the liveness probe. Settings come from the environment; the
 * result is written to stdout as JSON.
 */
import { hostileLoops } from './lib/hostile.js';

const origin = process.env.HOSTILE_ORIGIN;
if (!origin) throw new Error('HOSTILE_ORIGIN is not set');
const result = await hostileLoops(
  origin,
  Number(process.env.HOSTILE_DURATION_S ?? '60'),
  Number(process.env.HOSTILE_LOOPS ?? '16'),
  Number(process.env.HOSTILE_SEED ?? '20261202'),
);
process.stdout.write(JSON.stringify(result));
