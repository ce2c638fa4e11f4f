/**
 * The rubric engine's consequenceOf relations with the kadai4 rubric: a mistake is charged once, by the
 * criterion it belongs to, and resolving them terminates even where two criteria point at each other
 * through different findings (executed ← training for an error output; training ← executed for no log).
 */
import { describe, expect, it } from 'vitest';
import { scoreCriteria } from '../../src/core/rubric/score.js';
import { loadRubric } from '../../src/rubric/load.js';
import { validateRubric } from '../../src/core/rubric/validate.js';
import { CELL, lecture } from '../helpers/evidence-builders.js';
import { RubricError } from '../../src/core/errors.js';

const rubric = await loadRubric(new URL('../../rubrics/kadai4.yaml', import.meta.url).pathname);
const error = (cell: number) => ({ ename: 'ValueError', message: 'Shapes (None, 10) and (None, 1) are incompatible', at: { cell, line: 1 } });
const byId = (results: ReturnType<typeof scoreCriteria>) => Object.fromEntries(results.map((r) => [r.id, r]));

describe('consequenceOf in kadai4', () => {
  it('a fit that broke with an error and printed no log: charged by training, not executed', () => {
    const results = byId(scoreCriteria(rubric, lecture((e) => {
      e.outputs.trainingLogs = [];
      e.outputs.errors.push(error(CELL.fit));
    })));
    expect(results['executed']).toMatchObject({ points: 2, status: 'met' });
    expect(results['executed']!.findings[0]!.chargedBy).toEqual({ criterion: 'training', title: '学習ログ', keepsPoints: true });
    expect(results['training']).toMatchObject({ points: 0, status: 'not-met' });
  });

  it('an error in another cell is still charged by executed', () => {
    const results = byId(scoreCriteria(rubric, lecture((e) => {
      e.outputs.trainingLogs = [];
      e.outputs.errors.push(error(CELL.flatten));
    })));
    expect(results['executed']).toMatchObject({ points: 1, status: 'partly-met' });
    expect(results['executed']!.findings[0]!.chargedBy).toBeUndefined();
  });

  it('a notebook never run: one root cause, the output criteria lose their points, the code criteria keep theirs', () => {
    const results = byId(scoreCriteria(rubric, lecture((e) => {
      Object.assign(e.notebook, { executedCells: 0, executionOrder: 'not-run' });
      Object.assign(e.outputs, { shapes: [], summaries: [], trainingLogs: [], arrays: [], images: [] });
    })));
    expect(results['executed']!.points).toBe(0);
    for (const id of ['data-shapes', 'model-summary', 'training', 'image-shown']) {
      expect(results[id]!.points, id).toBe(0);
      expect(results[id]!.findings.every((f) => f.chargedBy?.criterion === 'executed' && !f.chargedBy.keepsPoints), id).toBe(true);
    }
    expect(results['model-architecture']!.points).toBe(2);
  });

  it('refuses findings that excuse each other in a cycle, naming it', () => {
    const data = {
      title: 't', assignment: '4',
      model: { layers: [{ type: 'Dense', units: 10, inputShape: [784] }], compile: { loss: 'categorical_crossentropy', optimizer: 'adam', metrics: ['accuracy'] }, fit: { epochs: 1, batchSize: 64, validationSplit: 0.2 } },
      criteria: [
        { id: 'a', title: 'A', check: 'fit-settings', points: 1, consequenceOf: [{ of: 'b', when: ['noLog'], excuses: ['noFit'] }] },
        { id: 'b', title: 'B', check: 'training-log-complete', points: 1, consequenceOf: [{ of: 'a', when: ['noFit'], excuses: ['noLog'] }] },
      ],
    };
    expect(() => validateRubric(data, 'cycle.yaml')).toThrow(RubricError);
    expect(() => validateRubric(data, 'cycle.yaml')).toThrow(/a\.noFit ← b\.noLog ← a\.noFit|b\.noLog ← a\.noFit ← b\.noLog/);
  });

  it('refuses an unknown criterion or message id, with a near name', () => {
    const base = { title: 't', assignment: '4', model: { layers: [{ type: 'Dense', units: 10, inputShape: [784] }], compile: { loss: 'l', optimizer: 'adam', metrics: [] }, fit: { epochs: 1, batchSize: 64, validationSplit: 0.2 } } };
    const bad = { ...base, criteria: [{ id: 'a', title: 'A', check: 'fit-settings', points: 1 }, { id: 'b', title: 'B', check: 'training-log-complete', points: 1, consequenceOf: [{ of: 'aa', excuses: ['nolog'] }] }] };
    expect(() => validateRubric(bad, 'bad.yaml')).toThrow(/consequenceOf\[0\]\.of: unknown criterion "aa"\. Did you mean "a"\?/);
    expect(() => validateRubric(bad, 'bad.yaml')).toThrow(/consequenceOf\[0\]\.excuses: "nolog" is not a message of check training-log-complete\. Did you mean "noLog"\?/);
  });
});
