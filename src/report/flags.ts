/**
 * What each flag on a row means, for TAs (Japanese, shown in the review report) and for the terminal
 * (English). Flags come from ingest (identity, time), grading (needs-review, syntax-error) and later
 * stages (stale-outputs, suspected-copy); an unknown flag is shown as it is.
 */
export interface FlagText {
  /** A short Japanese name for a badge (the raw id goes in its tooltip and small print, for searching). */
  label: string;
  ja: string;
  en: string;
  /** Whether a row carrying the flag needs a TA's look. */
  review: boolean;
}

const FLAGS: Record<string, FlagText> = {
  'needs-review': { label: '根拠が読めない', ja: '採点項目の根拠が読み取れず 0 点にしました(フェイルクローズ)。出力を目で確認してください。', en: 'a criterion could not be read (scored 0)', review: true },
  'suspected-copy': { label: 'コピーの疑い', ja: '他の提出とコードまたは出力が一致しています(コピーの疑い)。両方の提出を見比べてください。', en: 'suspected copy', review: true },
  'stale-outputs': { label: '出力が古い', ja: '保存された出力がコードと合いません(コードを書き換えた後に再実行していない)。', en: 'outputs do not match the code', review: true },
  'name-unrecognised': { label: 'ファイル名が不正', ja: 'ファイル名が「学籍番号_名前_4.ipynb」の形ではありません。学生の特定を確認してください。', en: 'file name not 学籍番号_名前_4', review: true },
  'id-from-submission-times': { label: '学籍番号は提出一覧から', ja: '学籍番号をファイル名ではなく提出一覧(--submission-times)から取りました。', en: 'student id taken from the submission list', review: true },
  'ambiguous-in-submission-times': { label: '学生を特定できない', ja: '提出一覧でこのファイル名が複数の学籍番号に対応していて、学生を特定できません。', en: 'file name maps to several ids in the submission list', review: true },
  'assignment-mismatch': { label: '別の課題', ja: 'ファイル名の課題番号がこの課題と違います(別の回の課題を提出した可能性)。', en: 'assignment number in the name differs', review: true },
  'separator-missing': { label: '区切りの欠落', ja: 'ファイル名の区切り(_)が欠けています。学籍番号と名前の読み取りを確認してください。', en: 'separator missing in the file name', review: false },
  'id-not-first': { label: '学籍番号が先頭でない', ja: 'ファイル名の先頭が学籍番号ではありません。', en: 'student id not first in the name', review: false },
  'checkpoint-copy': { label: 'チェックポイント', ja: 'Jupyter のチェックポイント(-checkpoint)のコピーです。', en: 'a Jupyter checkpoint copy', review: true },
  'syntax-error': { label: '構文エラー', ja: 'Python の構文エラーがあるセルがあります。そのセルのコードは読めていません。', en: 'syntax error in a cell', review: true },
  'time-unverified': { label: '提出時刻が不確か', ja: '提出時刻が LMS の一覧やzipになく、ファイルの更新時刻を使いました(信頼性が低い)。', en: 'submission time from the file mtime', review: true },
  'summary-mismatch': { label: '要約がコードと不一致', ja: '保存された model.summary() の出力がコードのモデルと合いません(出力が古い、または書き換えられた可能性)。', en: 'summary output does not match the code', review: true },
  'epochs-mismatch': { label: 'エポック数が不一致', ja: '学習ログのエポック数がコードの epochs と合いません(出力が古い可能性)。', en: 'training log epochs differ from the code', review: true },
  'execution-out-of-order': { label: '実行順が乱れている', ja: 'セルの実行順が上から順ではありません(出力が今のコードから出たものか確認してください)。', en: 'cells executed out of order', review: true },
  'impossible-log-values': { label: 'ありえないログの値', ja: '学習ログにありえない値があります(手で書き換えた可能性)。', en: 'impossible values in the training log', review: true },
  'executed-after-submission': { label: '提出後に実行', ja: 'Colab の実行時刻が提出時刻より後です。', en: 'executed after the submission time', review: true },
  'executed-after-deadline': { label: '締め切り後に実行', ja: 'Colab の実行時刻が締め切りより後です。', en: 'executed after the deadline', review: true },
  'colab-user-mismatch': { label: '別の Colab アカウント', ja: 'Colab の実行ユーザー名がファイル名の氏名と違います(他人のノートブックの可能性)。', en: 'Colab user differs from the name', review: true },
  'colab-multiple-users': { label: '複数の Colab アカウント', ja: '複数の Colab ユーザーが実行したノートブックです。', en: 'several Colab users ran it', review: true },
  'invalid-utf8': { label: '不正な UTF-8', ja: 'ファイルに UTF-8 として不正なバイトがあります。', en: 'invalid UTF-8 in the file', review: true },
  'extended-deadline': { label: '期限延長', ja: 'この学生には個別の提出期限(--extensions)が適用されています。', en: 'own deadline (extension)', review: false },
  'within-grace': { label: '猶予時間内', ja: '締め切り後ですが猶予時間内のため、期限内として扱いました。', en: 'late but within the grace period', review: false },
  override: { label: 'TA の修正', ja: 'TA の修正(--overrides)で点数を変更しています。', en: 'score changed by a TA override', review: false },
  'override-stale': { label: '修正が古い版に対して', ja: 'TA の修正はこのファイルとは別の版(sha256 が違う)に対して書かれています。修正が今も正しいか確認してください。', en: 'override written for another version of the file', review: true },
  'accuracy-implausible': { label: '正解率が不自然', ja: '報告された val_accuracy が、このコードのモデルを学習させて得られる値より明らかに高いです(--verify-accuracy)。出力が書き換えられていないか確認してください。', en: 'reported val_accuracy above what its model reaches', review: true },
  'system-file': { label: 'システムファイル', ja: 'OS が作るファイル(.DS_Store、__MACOSX/ など)で、提出物ではありません。', en: 'system file', review: false },
};

export function flagText(flag: string): FlagText {
  return FLAGS[flag] ?? { label: flag, ja: `フラグ「${flag}」`, en: flag, review: true };
}
