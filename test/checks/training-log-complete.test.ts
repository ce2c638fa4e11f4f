import check from '../../src/core/checks/training-log-complete.js';
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
    {
      name: 'Colab cut the first lines of a long output: the last epoch is there',
      input: logged({ epochsLogged: fit.epochs - 5, truncated: true, final: { epoch: fit.epochs, loss: 0.05, accuracy: 0.98, val_loss: 0.16, val_accuracy: 0.96 } }),
    },
    {
      name: 'an EarlyStopping callback ended the fit before its last epoch',
      input: lecture((e) => {
        e.code.fits[0]!.callbacks = ['keras.callbacks.EarlyStopping'];
        Object.assign(e.outputs.trainingLogs[0]!, { epochsLogged: 12, final: { epoch: 12, loss: 0.1, accuracy: 0.97, val_loss: 0.13, val_accuracy: 0.96 } });
      }),
    },
  ],
  invalid: [
    { name: 'no training log', input: lecture((e) => void (e.outputs.trainingLogs = [])), findings: [{ messageId: 'noLog', cell: CELL.fit }], fraction: 0 },
    {
      name: 'fit for a third of the epochs, logged to its end: complete for its own fit, another number of epochs',
      input: logged({ epochsLogged: fit.epochs / 3, epochsTotal: fit.epochs / 3 }),
      findings: [{ messageId: 'epochsTotal', cell: CELL.fit }],
      fraction: 1 / 3,
    },
    {
      name: 'interrupted halfway',
      input: logged({ epochsLogged: fit.epochs / 2, final: { epoch: fit.epochs / 2, loss: 0.1 } }),
      findings: [{ messageId: 'epochsLogged' }],
      fraction: 0.5,
    },
    {
      name: 'interrupted after a fifth of the epochs of a shorter fit',
      input: logged({ epochsTotal: 10, epochsLogged: 2, final: { epoch: 2, loss: 0.1 } }),
      findings: [{ messageId: 'epochsTotal' }, { messageId: 'epochsLogged' }],
      fraction: 0,
    },
    {
      name: 'batch size halved: twice the steps',
      input: logged({ stepsPerEpoch: stepsPerEpoch * 2 }),
      findings: [{ messageId: 'steps' }],
      fraction: 0.5,
    },
  ],
});
