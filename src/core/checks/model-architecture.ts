import { z } from 'zod';
import { defineCheck, describeLocation } from './define-check.js';
import { comparableLayers, describeLayer } from './support/layers.js';
import { formatShape } from './support/shapes.js';
import type { Finding } from '../../types.js';
import { withProps } from '../util/objects.js';

export default defineCheck({
  id: 'model-architecture',
  description:
    "The code builds the layers of the rubric's model, in order: type, units, activation, dropout rate, and the first layer's input shape. Spellings that build the same model count as equal (input_dim=784 = input_shape=(784,) = an InputLayer first; tf.nn.relu = 'relu'; Activation('relu') after a Dense). Each layer that differs costs its share of the model; a missing or extra layer likewise.",
  options: z.strictObject({}),
  messages: {
    noModel: 'モデル(Sequential など)を作るコードが見当たりません。',
    layerCount: '{{where}}のモデルの層は {{found}} 個でした(期待値 {{expected}} 個: {{layers}})。',
    type: '{{where}}: {{index}} 番目の層は {{found}} でした(期待値 {{expected}})。',
    units: '{{where}}: {{index}} 番目の層のユニット数は {{found}} でした(期待値 {{expected}})。',
    activation: '{{where}}: {{index}} 番目の層の活性化関数は {{found}} でした(期待値 {{expected}})。',
    rate: '{{where}}: {{index}} 番目の層のドロップアウト率は {{found}} でした(期待値 {{expected}})。',
    inputShape: '{{where}}: 入力の形は {{found}} でした(期待値 {{expected}})。',
  },
  run({ evidence, expected }, _options, report) {
    const model = evidence.code.models.at(-1);
    if (!model) return { findings: [report('noModel')] };
    const found = comparableLayers(model.layers);
    const wanted = comparableLayers(expected.asked.layers);
    const findings: Finding[] = [];
    const size = Math.max(found.length, wanted.length);
    if (found.length !== wanted.length) {
      const layers = wanted.map(describeLayer).join(' → ');
      findings.push(report('layerCount', { where: describeLocation(model.at, 'code'), found: found.length, expected: wanted.length, layers }, model.at, { cost: Math.abs(found.length - wanted.length) / size }));
    }
    wanted.forEach((want, i) => {
      const got = found[i];
      if (!got) return;
      const at = got.at ?? model.at;
      const data = { where: describeLocation(at, 'code'), index: i + 1 };
      const layerFindings: Finding[] = [];
      if (got.type !== want.type) {
        layerFindings.push(report('type', withProps(data, { found: got.type, expected: want.type }), at));
      } else {
        if (want.units !== null && got.units !== want.units) layerFindings.push(report('units', withProps(data, { found: got.units ?? '?', expected: want.units }), at));
        if (got.activation !== want.activation) layerFindings.push(report('activation', withProps(data, { found: got.activation, expected: want.activation }), at));
        if (want.rate !== null && got.rate !== want.rate) layerFindings.push(report('rate', withProps(data, { found: got.rate ?? '?', expected: want.rate }), at));
      }
      if (i === 0 && want.inputShape && got.inputShape && formatShape(got.inputShape) !== formatShape(want.inputShape)) {
        layerFindings.push(report('inputShape', withProps(data, { found: formatShape(got.inputShape), expected: formatShape(want.inputShape) }), at));
      }
      // a layer that differs costs its share of the model, split among what differs in it
      for (const finding of layerFindings) findings.push(withProps(finding, { cost: 1 / size / layerFindings.length }));
    });
    return { findings };
  },
});
