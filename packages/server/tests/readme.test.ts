import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGateway, GATEWAY_NODE_FLAGS } from '@tokenomics/gateway';
import { describe, expect, it } from 'vitest';
import { post } from '../../gateway/tests/fixtures.js';
import { createAdapters, loadConfig } from './server-config.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');

function fenced(section: string, language: string): string {
  const start = readme.indexOf(section);
  const block = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(readme.slice(start));
  if (start < 0 || !block?.[1]) throw new Error(`README has no ${language} block under "${section}"`);
  return block[1];
}

describe('the README', () => {
  it('quick start: exactly two command lines, and .ci/run runs the second', () => {
    const lines = fenced('## Quick start', 'sh').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^npx -y pnpm@10 install && npx -y pnpm@10 start$/);
    const ci = readFileSync(`${root}.ci/run`, 'utf8').trim().split('\n');
    expect(ci.at(-1)).toBe(lines[1]);
  });

  it("start builds what the configuration names, then runs the server with the gateway's Node flags, as the bench does", () => {
    const { scripts } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
      scripts: { start: string };
    };
    expect(scripts.start).toBe('node packages/server/scripts/start.mjs');
    const start = readFileSync(`${root}packages/server/scripts/start.mjs`, 'utf8');
    expect(start).toContain("join(REPO_ROOT, 'packages', 'gateway', 'dist', 'node-flags.js')");
    expect(start).toContain("[...GATEWAY_NODE_FLAGS, join(SERVER_DIR, 'dist', 'cli.js'), 'serve'");
    expect(GATEWAY_NODE_FLAGS).toEqual(['--max-semi-space-size=64']);
  });

  it('first query: answers exactly as documented', async () => {
    const gateway = createGateway({ adapters: await createAdapters(loadConfig({ env: {}, cwd: root })) });
    const { body } = await post(gateway, fenced('## A first query', 'graphql'));
    expect(body).toEqual(JSON.parse(fenced('## A first query', 'json')));
  });
});

describe("the server's README (the operator's guide)", () => {
  const gatewayReadme = readFileSync(`${root}packages/server/README.md`, 'utf8');

  it("lists every metric the gateway registers (Node's process metrics aside), with its labels", async () => {
    const { metrics } = createGateway({ adapters: [] });
    const own = (await metrics.registry.getMetricsAsJSON()).filter(
      (metric) =>
        !metric.name.startsWith('tokenomics_process_') && !metric.name.startsWith('tokenomics_nodejs_'),
    );
    expect(own.map((metric) => metric.name)).toContain('tokenomics_upstream_invalid_total');
    const start = gatewayReadme.indexOf('- `GET /metrics`');
    const section = gatewayReadme.slice(start, gatewayReadme.indexOf('\n- ', start + 1));
    for (const metric of own) {
      const registered = metrics.registry.getSingleMetric(metric.name) as unknown as {
        labelNames?: string[];
      };
      const labels = registered.labelNames ?? [];
      const expected = labels.length ? `\`${metric.name}{${labels.join(', ')}}\`` : `\`${metric.name}\``;
      expect(section, metric.name).toContain(expected);
    }
  });

  it('docs/adding-an-adapter.md asks for `assumption: true`, not an "ASSUMPTION:" text prefix', () => {
    const guide = readFileSync(`${root}docs/adding-an-adapter.md`, 'utf8');
    expect(guide).not.toMatch(/`ASSUMPTION:?`/);
    expect(guide).toContain('assumption: true');
  });
});
