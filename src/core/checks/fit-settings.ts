import { z } from 'zod';
import { defineCheck, describeLocation } from './define-check.js';
import { FIT_DEFAULTS } from '../keras-defaults.js';
import type { Finding } from '../../types.js';

const SETTINGS = ['epochs', 'batchSize', 'validationSplit'] as const;

const setting = (argument: string): string => `{{where}}: ${argument} は {{found}} でした(期待値 {{expected}})。`;

export default defineCheck({
  id: 'fit-settings',
  description:
    "The last model.fit() call uses the rubric's epochs, batch_size and validation_split; an argument not given counts as Keras's default (epochs 1, batch_size 32, validation_split 0). Each setting costs a third.",
  options: z.strictObject({}),
  messages: {
    noFit: 'model.fit(...) が見当たりません。',
    unknownArguments: '{{where}}: model.fit に渡した設定をすべては読み取れなかったため、この項目は TA が確認します。',
    epochs: setting('epochs'),
    batchSize: setting('batch_size'),
    validationSplit: setting('validation_split'),
    validationData: '{{where}}: validation_split の代わりに validation_data を渡しています(期待値 validation_split={{expected}})。',
  },
  run({ evidence, expected }, _options, report) {
    const fit = evidence.code.fits.at(-1);
    if (!fit) return { findings: [report('noFit')] };
    const where = describeLocation(fit.at, 'code');
    if (!fit.argumentsKnown && SETTINGS.some((key) => fit[key] === null)) {
      const finding = report('unknownArguments', { where }, fit.at, { detail: 'a *args / **kwargs argument of model.fit could not be followed; a setting not read may be there' });
      return { findings: [finding], unreadable: finding.message };
    }
    const findings: Finding[] = [];
    for (const key of SETTINGS) {
      const given = fit[key];
      const wanted = expected.fit[key];
      if (Math.abs((given ?? FIT_DEFAULTS[key]) - wanted) < 1e-9) continue;
      if (key === 'validationSplit' && given === null && fit.hasValidationData) {
        findings.push(report('validationData', { where, expected: wanted }, fit.at, { cost: 1 / SETTINGS.length }));
      } else {
        const found = given ?? `指定なし (Keras の既定値 ${FIT_DEFAULTS[key]})`;
        findings.push(report(key, { where, found, expected: wanted }, fit.at, { cost: 1 / SETTINGS.length }));
      }
    }
    return { findings };
  },
});
