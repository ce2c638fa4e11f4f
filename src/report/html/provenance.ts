/**
 * Where the expected values come from, in Japanese for the class page, built from the structured values
 * (the rubric's accuracy rule, the threshold, the reference file's seeds); the English sentence of the
 * run stays beside it as small print.
 */
import type { Expected } from '../../types.js';
import type { ReferenceBand } from './reference-band.js';

export interface Provenance {
  ja: string;
  en: string;
}

export interface ProvenanceInput {
  /** run.expectedSource (English). */
  expectedSource: string;
  accuracy: Expected['accuracy'];
  /** The rubric's accuracy rule. */
  rule?: { from: 'lowest-seed' | 'mean'; margin: number } | undefined;
  band?: ReferenceBand | null | undefined;
}

const MODEL_SOURCE = /computed from the rubric's model/;

export function provenanceJa(input: ProvenanceInput): Provenance {
  const parts: string[] = [];
  parts.push(
    MODEL_SOURCE.test(input.expectedSource)
      ? '期待値(各層と合計のパラメータ数、データの形、1 エポックのステップ数)は、ルーブリックに書いた講義のモデルから計算しています(パラメータ数は Keras と TensorFlow.js の数え方、データの形とテストラベルは MNIST のファイルから)。'
      : `期待値の出どころ: ${input.expectedSource}`,
  );
  const en = [input.expectedSource];
  const acc = input.accuracy;
  if (acc) {
    const seeds = input.band?.seeds ?? Number(/(\d+) seeds/.exec(acc.source)?.[1] ?? NaN);
    const epochs = input.band?.epochs.length ?? Number(/× (\d+) epochs/.exec(acc.source)?.[1] ?? NaN);
    const file = input.band?.file.split(/[\\/]/).pop() ?? acc.source.split(' ')[0] ?? '';
    const backend = input.band?.backend ?? /\((\w[\w-]*),/.exec(acc.source)?.[1] ?? '';
    const from = input.rule?.from ?? (/mean/.test(acc.rule) ? 'mean' : 'lowest-seed');
    const margin = input.rule?.margin ?? Number(/− ([\d.]+)$/.exec(acc.rule)?.[1] ?? NaN);
    const base = Math.round((acc.threshold + (Number.isFinite(margin) ? margin : 0)) * 10_000) / 10_000;
    const which = from === 'mean' ? '平均' : '最低値';
    const runs = Number.isFinite(seeds) ? `${seeds} 回(シード)` : '';
    const detail = [file, backend, Number.isFinite(seeds) && Number.isFinite(epochs) ? `${seeds} シード × ${epochs} エポック` : ''].filter((x) => x !== '').join('、');
    parts.push(
      `正解率の合格ライン val_accuracy ≥ ${acc.threshold} は、参照トレーナーで講義のモデルを学習させた ${runs}の最終 val_accuracy の${which} ${base}${Number.isFinite(margin) ? ` から ${margin} を引いた値` : ''}です(参照ファイル ${detail}。参照の範囲 ${acc.band.min}〜${acc.band.max})。`,
    );
    en.push(`accuracy threshold ${acc.threshold} = ${acc.rule}, from ${acc.source}`);
  }
  return { ja: parts.join(''), en: en.join('; ') };
}
