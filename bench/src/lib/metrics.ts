import { randomBytes } from 'node:crypto';
import { getText } from './http.js';

/**
 * The bearer token of the gateways this harness starts: they run in
 * production mode, where `/metrics` is served only behind METRICS_TOKEN (or on
 * a port of its own).
 */
export const METRICS_TOKEN = randomBytes(24).toString('hex');

/** Prometheus samples by their full name with labels, e.g. `x_bucket{path="/graphql",le="0.05"}`. */
export type Samples = Map<string, number>;

/** Scrapes `<origin>/metrics` (the gateway's Prometheus endpoint), with the harness's token. */
export async function scrape(origin: string): Promise<Samples> {
  const text = await getText(`${origin}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` });
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** A sample's value, 0 when absent. */
export function sample(samples: Samples, name: string): number {
  return samples.get(name) ?? 0;
}

/** The change of every sample whose name starts with `prefix`, between two scrapes. */
export function deltas(before: Samples, after: Samples, prefix: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, value] of after) {
    if (!name.startsWith(prefix)) continue;
    const change = value - (before.get(name) ?? 0);
    if (change !== 0) result[name] = change;
  }
  return result;
}

const LATENCY = 'tokenomics_http_request_duration_seconds';

/** Server time of the /graphql requests between two scrapes, from the gateway's latency histogram. */
export function graphqlServerTime(
  before: Samples,
  after: Samples,
): { count: number; meanMs: number; atMost50ms: number; atMost25ms: number } {
  const d = (name: string) => sample(after, name) - sample(before, name);
  const count = d(`${LATENCY}_count{path="/graphql"}`);
  const sum = d(`${LATENCY}_sum{path="/graphql"}`);
  return {
    count,
    meanMs: count === 0 ? 0 : (sum / count) * 1000,
    atMost50ms: d(`${LATENCY}_bucket{le="0.05",path="/graphql"}`),
    atMost25ms: d(`${LATENCY}_bucket{le="0.025",path="/graphql"}`),
  };
}
