import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAdapters, createGateway, GATEWAY_NODE_FLAGS, loadConfig } from '../src/index.js';
import { post } from './fixtures.js';

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

  it('start runs the gateway with its Node flags, as the bench does', () => {
    const { scripts } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
      scripts: { start: string };
    };
    expect(scripts.start).toContain(
      `node ${GATEWAY_NODE_FLAGS.join(' ')} packages/gateway/dist/cli.js serve`,
    );
  });

  it('first query: answers exactly as documented', async () => {
    const gateway = createGateway({ adapters: await createAdapters(loadConfig({ env: {}, cwd: root })) });
    const { body } = await post(gateway, fenced('## A first query', 'graphql'));
    expect(body).toEqual(JSON.parse(fenced('## A first query', 'json')));
  });
});
