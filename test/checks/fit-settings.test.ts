import check from '../../src/core/checks/fit-settings.js';
import type { FitSpec } from '../../src/types.js';
import { testCheck } from '../helpers/check-tester.js';
import { ASKED, CELL, lecture } from '../helpers/evidence-builders.js';

const fitted = (changes: Partial<FitSpec>, expected = {}) =>
  lecture({ evidence: (e) => void Object.assign(e.code.fits[0]!, changes), expected });

testCheck(check, {
  valid: [
    { name: 'epochs=30, batch_size=64, validation_split=0.2', input: lecture() },
    { name: "batch_size left out when the rubric asks for Keras's default 32", input: fitted({ batchSize: null }, { fit: { ...ASKED.fit, batchSize: 32 } }) },
    {
      name: 'only the last fit counts',
      input: lecture((e) => void e.code.fits.unshift({ ...e.code.fits[0]!, epochs: 1, at: { cell: CELL.fit - 1, line: 1 } })),
    },
    { name: 'an unfollowed **kwargs beside settings that are all read', input: fitted({ argumentsKnown: false }) },
  ],
  invalid: [
    { name: 'no fit', input: lecture((e) => void (e.code.fits = [])), findings: [{ messageId: 'noFit' }], fraction: 0 },
    { name: 'epochs=10', input: fitted({ epochs: 10 }), findings: [{ messageId: 'epochs', cell: CELL.fit }], fraction: 2 / 3 },
    { name: 'epochs left out (Keras: 1)', input: fitted({ epochs: null }), findings: [{ messageId: 'epochs' }], fraction: 2 / 3 },
    { name: 'batch_size left out (Keras: 32)', input: fitted({ batchSize: null }), findings: [{ messageId: 'batchSize' }], fraction: 2 / 3 },
    { name: 'validation_split=0.1', input: fitted({ validationSplit: 0.1 }), findings: [{ messageId: 'validationSplit' }], fraction: 2 / 3 },
    {
      name: 'validation_data instead of validation_split',
      input: fitted({ validationSplit: null, hasValidationData: true }),
      findings: [{ messageId: 'validationData', cell: CELL.fit }],
      fraction: 2 / 3,
    },
    {
      name: 'a setting the interpreter cannot read (**kwargs not followed): the TA decides',
      input: fitted({ epochs: null, argumentsKnown: false }),
      findings: [{ messageId: 'unknownArguments', cell: CELL.fit }],
      unreadable: true,
    },
    {
      name: 'model.fit(x_train, y_train) with no settings',
      input: fitted({ epochs: null, batchSize: null, validationSplit: null }),
      findings: [{ messageId: 'epochs' }, { messageId: 'batchSize' }, { messageId: 'validationSplit' }],
      fraction: 0,
    },
  ],
});
