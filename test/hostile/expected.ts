/**
 * Every row the hostile corpus must produce, with its status and why. The test fails on a row that is
 * missing, a row that is not listed, or a different status, reason or flag.
 */
import type { SubmissionStatus } from '../../src/types.js';

export interface ExpectedRow {
  /** The row's `file` (display path). */
  file: string;
  source: 'committed' | 'generated';
  status: SubmissionStatus;
  /** A part of the row's reason (results JSON), when it has one. */
  reason?: string;
  /** Flags the row must carry. */
  flags?: string[];
  why: string;
  /** Made only on POSIX systems (links, a named pipe, `\` in a name), or only where `mkfifo` exists. */
  needs?: 'posix' | 'mkfifo';
}

const c = (file: string, status: SubmissionStatus, why: string, more: Partial<ExpectedRow> = {}): ExpectedRow => ({ file, source: 'committed', status, why, ...more });
const g = (file: string, status: SubmissionStatus, why: string, more: Partial<ExpectedRow> = {}): ExpectedRow => ({ file, source: 'generated', status, why, ...more });

export const EXPECTED: ExpectedRow[] = [
  c('2312320_BOM付き_4.ipynb', 'graded', 'the BOM is skipped'),
  c('2312321_UTF16LE_4.ipynb', 'graded', 'UTF-16 LE is decoded from its BOM'),
  c('2312322_UTF16BE_4.ipynb', 'graded', 'UTF-16 BE is decoded from its BOM'),
  c('2312323_不正UTF8_4.ipynb', 'graded', 'bad bytes read as U+FFFD, flagged', { flags: ['invalid-utf8'] }),
  c('2312324_重複キー_4.ipynb', 'graded', 'the last of duplicate keys wins, as in Python (what Jupyter shows)'),
  c('2312325_nbformat5_4.ipynb', 'unreadable', 'only nbformat 3 and 4 are read', { reason: 'Unsupported notebook format version 5' }),
  c('2312326_nbformat文字列_4.ipynb', 'unreadable', 'the version must be a number', { reason: 'is not a whole number' }),
  c('2312327_HTML_4.ipynb', 'graded', 'markup is data: escaped in the report, never run'),
  c('2312328_深いJSON_4.ipynb', 'graded', 'deep JSON inside an output is not walked'),
  c('2312329_型違い_4.ipynb', 'graded', 'wrong types read as empty (fail closed: no points from them)'),
  c('2312330_正常_4.ipynb', 'graded', 'the control'),
  c('2312331_山田太郎_4.ipynb', 'graded', 'a complete notebook still gets full marks'),
  c('2312332_セル一覧なし_4.ipynb', 'unreadable', '"cells" must be a list', { reason: '"cells" value is not a list' }),
  c('README.md', 'not-a-notebook', 'the corpus README is itself an input file'),
  c('zip-slip.zip/../../2312301_脱出_4.ipynb', 'unreadable', 'zip slip refused, not hidden as a dot-file', { reason: 'path with ".." in archive' }),
  c('zip-slip.zip//tmp/2312302_絶対_4.ipynb', 'unreadable', 'absolute path refused', { reason: 'absolute path in archive' }),
  c('zip-slip.zip/C:/Users/x/2312303_ドライブ_4.ipynb', 'unreadable', 'drive-letter path refused', { reason: 'absolute path in archive' }),
  c('zip-slip.zip/ok/2312304_正常_4.ipynb', 'graded', 'the good entry next to them'),
  c('zip-symlink.zip/2312305_リンク_4.ipynb', 'unreadable', 'links in zips are not followed', { reason: 'symbolic link in zip' }),
  c('zip-symlink.zip/2312306_正常_4.ipynb', 'graded', 'the good entry next to it'),
  c('empty.zip', 'unreadable', 'an empty zip still has a row', { reason: 'zip contains no files' }),
  c('not-a-zip.zip', 'unreadable', 'not a zip', { reason: 'corrupt or unreadable zip' }),
  c('nested.zip/level1.zip/2312308_一段_4.ipynb', 'graded', 'one level of nesting is opened'),
  c('nested.zip/level1.zip/level2.zip', 'unreadable', 'the second level is not', { reason: 'nested more than one level deep' }),
  c('lying-size.zip/2312309_嘘_4.ipynb', 'unreadable', 'inflating past the declared size stops at once', { reason: 'too many bytes in the stream' }),
  c('hostile-names.zip/=HYPERLINK("http://evil.example")_4.ipynb', 'graded', 'formula in the file name: CSV cell guarded', { flags: ['name-unrecognised'] }),
  c("hostile-names.zip/2312310_=cmd|' /C calc'!A0_4.ipynb", 'graded', 'a / in the name is a folder; the rest guarded', { flags: ['name-unrecognised'] }),
  c('hostile-names.zip/2312311_+SUM(1+1)_4.ipynb', 'graded', 'formula in the name column: guarded'),
  c('hostile-names.zip/2312312_@SUM(A1)_4.ipynb', 'graded', 'formula in the name column: guarded'),
  c('hostile-names.zip/2312313_-1+2_4.ipynb', 'graded', 'leading minus: guarded'),
  c('hostile-names.zip/2312314_タブ\t名前_4.ipynb', 'graded', 'a tab stays inside its quoted CSV cell'),
  c('hostile-names.zip/2312315_改行\r\n名前_4.ipynb', 'graded', 'a line break stays inside its quoted CSV cell'),
  c('hostile-names.zip/dir/2312316_バックスラッシュ_4.ipynb', 'graded', 'a Windows \\ separator becomes /'),
  c('hostile-names.zip/2312317_<script>alert(1)</script>_4.ipynb', 'graded', 'markup in a name: escaped in the report', { flags: ['name-unrecognised'] }),
  c('hostile-names.zip/2312318_NUL\u0000_4.ipynb', 'unreadable', 'NUL in a name refused', { reason: 'NUL character in entry name' }),
  g('2312340_巨大_4.ipynb', 'unreadable', 'over the 100 MB file limit: not even read', { reason: 'too large: 209715201 bytes' }),
  g('2312341_十万セル_4.ipynb', 'unreadable', 'over the 10,000-cell limit', { reason: 'notebooks with more than 10000 cells are not read' }),
  g('bomb-size.zip/2312342_爆弾_4.ipynb', 'unreadable', 'declared size over the limit: not inflated', { reason: 'too large: 209715200 bytes uncompressed' }),
  g('bomb-ratio.zip/2312343_圧縮率_4.ipynb', 'unreadable', 'compression ratio over 200:1: not inflated', { reason: 'suspected zip bomb' }),
  g('2312344_リンク_4.ipynb', 'unreadable', 'a link to a good notebook is not followed', { reason: 'symbolic link: not followed', needs: 'posix' }),
  g('2312345_切れたリンク_4.ipynb', 'unreadable', 'a dangling link', { reason: 'symbolic link: not followed', needs: 'posix' }),
  g('loop', 'unreadable', 'a link to its own folder (no loop)', { reason: 'symbolic link: not followed', needs: 'posix' }),
  g('linked-folder', 'unreadable', 'a link to a folder is not walked', { reason: 'symbolic link: not followed', needs: 'posix' }),
  g('real-folder/2312346_フォルダ内_4.ipynb', 'graded', 'the real folder is walked', { needs: 'posix' }),
  g('+2312347_プラス_4.ipynb', 'graded', 'a file name starting with +: guarded', { flags: ['name-unrecognised'], needs: 'posix' }),
  g('2312348_バック\\スラッシュ_4.ipynb', 'graded', 'a backslash in a POSIX file name is kept', { needs: 'posix' }),
  g('2312349_パイプ_4.ipynb', 'unreadable', 'a named pipe is never opened (it would block)', { reason: 'not a regular file', needs: 'mkfifo' }),
];
