/**
 * Meta-tests over the registry (typescript-eslint's tests/rules/index.test.ts and docs.test.ts): the
 * registry, the files in src/core/checks/, the checks' ids, the test files and the README's table agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/core/checks/index.js';

const SRC = new URL('../../src/core/checks/', import.meta.url);
const NOT_CHECKS = new Set(['define-check.ts', 'index.ts']);

const files = readdirSync(SRC, { withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !NOT_CHECKS.has(entry.name))
  .map((entry) => entry.name.slice(0, -'.ts'.length))
  .sort();

/** Rows of the README's "### Checks" table: [id, description]. */
function readmeRows(): [string, string][] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^### Checks$/m)[1]?.split(/^#/m)[0] ?? '';
  return [...section.matchAll(/^\| `([^`]+)` \| (.*) \|$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']);
}

describe('check registry', () => {
  const ids = Object.keys(checks);

  it('is sorted', () => {
    expect(ids).toEqual([...ids].sort());
  });

  it('lists every file in src/core/checks/ (but define-check.ts and index.ts), and nothing else', () => {
    expect(ids).toEqual(files);
  });

  it.each(ids)('%s: id = file name = registry key', (id) => {
    expect(checks[id]?.id).toBe(id);
  });

  it.each(ids)('%s: has its own table of cases in test/checks/%s.test.ts', (id) => {
    expect(readdirSync(new URL('./', import.meta.url))).toContain(`${id}.test.ts`);
  });

  it.each(ids)('%s: has Japanese messages', (id) => {
    for (const message of Object.values(checks[id]?.messages ?? {})) expect(message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("matches the README's table of checks, row for row, sorted, with each check's description", () => {
    expect(readmeRows()).toEqual(ids.map((id) => [id, checks[id]?.description]));
  });
});
