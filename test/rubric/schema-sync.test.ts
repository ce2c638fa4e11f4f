/** rubrics/rubric.schema.json is what `grade schema` prints; regenerate it when the rubric format or a check's options change. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/core/checks/index.js';
import { rubricJsonSchema } from '../../src/rubric/json-schema.js';

const FILE = new URL('../../rubrics/rubric.schema.json', import.meta.url);

describe('rubrics/rubric.schema.json', () => {
  it('is up to date (regenerate: npm run build && node dist/cli.js schema > rubrics/rubric.schema.json)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(rubricJsonSchema());
  });

  it("offers each check id with that check's options", () => {
    const schema = JSON.parse(rubricJsonSchema()) as { properties: { criteria: { items: { anyOf: { properties: { check: { const: string }; options: unknown } }[] } } } };
    const variants = schema.properties.criteria.items.anyOf;
    expect(variants.map((v) => v.properties.check.const)).toEqual(Object.keys(checks));
    expect(variants.every((v) => v.properties.options !== undefined)).toBe(true);
  });

  it('is referenced by the rubrics for editors', () => {
    expect(readFileSync(new URL('../../rubrics/kadai4.yaml', import.meta.url), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/rubric\.schema\.json$/m);
  });
});
