/** Strict validation of rubric files: every problem names its path inside the file and suggests near names. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/core/checks/index.js';
import { RubricError } from '../../src/core/errors.js';
import { validateRubric } from '../../src/core/rubric/validate.js';
import { loadRubric } from '../../src/rubric/load.js';

const KADAI4 = new URL('../../rubrics/kadai4.yaml', import.meta.url);

type Json = Record<string, unknown> & { criteria: Record<string, unknown>[]; model: Record<string, unknown> & { layers: Record<string, unknown>[] } };
const kadai4 = (): Json => parseYaml(readFileSync(KADAI4, 'utf8')) as Json;
const indexOf = (rubric: Json, check: string): number => rubric.criteria.findIndex((c) => c['check'] === check);

function problems(change: (rubric: Json) => void): string[] {
  const rubric = kadai4();
  change(rubric);
  try {
    validateRubric(rubric, 'bad.yaml');
  } catch (error) {
    if (error instanceof RubricError) return error.problems;
    throw error;
  }
  return [];
}

describe('rubrics/kadai4.yaml', () => {
  it('loads, with every criterion resolved to a registered check and its options parsed', async () => {
    const rubric = await loadRubric(KADAI4.pathname);
    expect(rubric.criteria.length).toBeGreaterThan(0);
    for (const criterion of rubric.criteria) expect(criterion.run).toBe(checks[criterion.check]);
    expect(rubric.model.predict).toEqual({ sample: 1 });
  });

  it('points add up to 20', async () => {
    const rubric = await loadRubric(KADAI4.pathname);
    expect(rubric.criteria.reduce((sum, c) => sum + c.points, 0)).toBe(20);
  });
});

describe('rubric errors', () => {
  // name, change, the problem lines
  const cases: [string, (r: Json) => void, string[]][] = [
    ['an unknown check', (r) => void (r.criteria[1]!['check'] = 'data-shape'), ['criteria[1].check: unknown check "data-shape". Did you mean "data-shapes"?']],
    ['a misspelt criterion key', (r) => void (r.criteria[0]!['pionts'] = 2), ['criteria[0].pionts: unknown key. Did you mean "points"?']],
    [
      "a misspelt check option",
      (r) => void (r.criteria[indexOf(r, 'compile-settings')]!['options'] = { learningrate: 0.01 }),
      [`criteria[${indexOf(kadai4(), 'compile-settings')}].options.learningrate: unknown key. Did you mean "learningRate"?`],
    ],
    [
      'an option for a check that has none',
      (r) => void (r.criteria[indexOf(r, 'model-architecture')]!['options'] = { units: 32 }),
      [`criteria[${indexOf(kadai4(), 'model-architecture')}].options.units: unknown key.`],
    ],
    [
      'an option out of range',
      (r) => void (r.criteria[0]!['options'] = { minExecutedShare: 2 }),
      ['criteria[0].options.minExecutedShare: Too big: expected number to be <=1'],
    ],
    [
      'an option value not in its list',
      (r) => void (r.criteria[1]!['options'] = { groups: ['loaded'] }),
      ['criteria[1].options.groups[0]: Invalid option: expected one of "load"|"flattened"|"oneHot"'],
    ],
    ['a duplicate criterion id', (r) => void (r.criteria[2]!['id'] = r.criteria[1]!['id']), ['criteria[2].id: duplicate id "data-shapes"']],
    ['points missing', (r) => void delete r.criteria[3]!['points'], ['criteria[3].points: Invalid input: expected number, received undefined']],
    ['a misspelt layer key', (r) => void (r.model.layers[0]!['unit'] = 32), ['model.layers[0].unit: unknown key. Did you mean "units"?']],
    ['a negative predict sample', (r) => void (r.model['predict'] = { sample: -1 }), ['model.predict.sample: Too small: expected number to be >=0']],
    ['a misspelt top-level key', (r) => void (r['titel'] = 'x'), ['titel: unknown key. Did you mean "title"?']],
  ];

  it.each(cases)('%s', (_name, change, expected) => {
    expect(problems(change)).toEqual(expected);
  });

  it('reports every problem at once, with the file name', () => {
    const rubric = kadai4();
    rubric.criteria[0]!['check'] = 'notebook-execute';
    rubric.criteria[1]!['options'] = { group: ['load'] };
    expect(() => validateRubric(rubric, 'rubrics/bad.yaml')).toThrow(
      'rubrics/bad.yaml: invalid rubric\n  criteria[0].check: unknown check "notebook-execute". Did you mean "notebook-executed"?\n  criteria[1].options.group: unknown key. Did you mean "groups"?',
    );
  });

  it('names unreadable files and invalid YAML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rubric-'));
    await expect(loadRubric(join(dir, 'missing.yaml'))).rejects.toThrow('cannot read the file: ENOENT');
    writeFileSync(join(dir, 'bad.yaml'), 'title: [unclosed\n');
    await expect(loadRubric(join(dir, 'bad.yaml'))).rejects.toThrow('not valid YAML');
  });
});
