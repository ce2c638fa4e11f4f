import check from '../../src/checks/training-log-complete.js';
import type { TrainingLog } from '../../src/types.js';
import { testCheck } from '../helpers/check-tester.js';
import { CELL, expectedWith, lecture } from '../helpers/evidence-builders.js';

const { fit, stepsPerEpoch, samplesPerEpoch } = expectedWith();
const logged = (changes: Partial<TrainingLog>) => lecture((e) => void Object.assign(e.outputs.trainingLogs[0]!, changes));

testCheck(check, {
  valid: [
    { name: 'every epoch with the computed steps', input: lecture() },
    { name: 'Keras ≤ 2.3 counts samples', input: logged({ stepsPerEpoch: samplesPerEpoch, counterUnit: 'samples' }) },
    { name: 'verbose=2 prints no counter', input: logged({ stepsPerEpoch: null, counterUnit: null }) },
    { name: 'step counting can be switched off', input: logged({ stepsPerEpoch: stepsPerEpoch * 2 }), options: { checkSteps: false } },
  ],
  invalid: [
    { name: 'no training log', input: lecture((e) => void (e.outputs.trainingLogs = [])), findings: [{ messageId: 'noLog' }], fraction: 0 },
    {
      name: 'fit for a third of the epochs',
      input: logged({ epochsLogged: fit.epochs / 3, epochsTotal: fit.epochs / 3 }),
      findings: [{ messageId: 'epochsTotal', cell: CELL.fit }, { messageId: 'epochsLogged', cell: CELL.fit }],
      fraction: 1 / 3,
    },
    {
      name: 'interrupted halfway',
      input: logged({ epochsLogged: fit.epochs / 2 }),
      findings: [{ messageId: 'epochsLogged' }],
      fraction: 0.5,
    },
    {
      name: 'batch size halved: twice the steps',
      input: logged({ stepsPerEpoch: stepsPerEpoch * 2 }),
      findings: [{ messageId: 'steps' }],
      fraction: 0.5,
    },
  ],
});
