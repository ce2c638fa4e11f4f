import check from '../../src/core/checks/accuracy-threshold.js';
import { testCheck } from '../helpers/check-tester.js';
import { CELL, lecture } from '../helpers/evidence-builders.js';

const reached = lecture().evidence.outputs.trainingLogs[0]!.final!['val_accuracy']!;
const threshold = (value: number) => ({ threshold: value, rule: 'reference median − 0.01', source: 'rubrics/kadai4.reference.json', band: { min: value, max: value + 0.01 } });

testCheck(check, {
  valid: [
    { name: 'final val_accuracy above the threshold', input: lecture({ expected: { accuracy: threshold(reached - 0.01) } }) },
    { name: 'exactly at the threshold', input: lecture({ expected: { accuracy: threshold(reached) } }) },
  ],
  invalid: [
    {
      name: 'no threshold without a reference file',
      input: lecture({ expected: { accuracy: null } }),
      findings: [{ messageId: 'noThreshold' }],
      unreadable: true,
    },
    {
      name: 'below the threshold',
      input: lecture({ expected: { accuracy: threshold(reached + 0.001) } }),
      findings: [{ messageId: 'below', cell: CELL.fit }],
      fraction: 0,
    },
    {
      name: 'no training log',
      input: lecture({ evidence: (e) => void (e.outputs.trainingLogs = []), expected: { accuracy: threshold(0.9) } }),
      findings: [{ messageId: 'noLog' }],
    },
    {
      name: 'trained without validation',
      input: lecture({ evidence: (e) => void delete e.outputs.trainingLogs[0]!.final!['val_accuracy'], expected: { accuracy: threshold(0.9) } }),
      findings: [{ messageId: 'noValAccuracy', cell: CELL.fit }],
    },
  ],
});
