import { describe, expect, it } from 'vitest';
import { applyCommentLimit, buildComment, studentFeedback, truncateComment } from '../../src/core/comment/comment.js';
import { feedbackFiles, feedbackMarkdown, feedbackRows } from '../../src/report/feedback.js';
import { criterion, gradeRow, gradeRun } from './rows.js';

const context = { deadline: '2023-11-16 23:59' };

describe('studentFeedback and buildComment', () => {
  it('gives the score and, per criterion not met, what was found and what is expected', () => {
    const row = gradeRow({ criteria: [criterion('a', 2, 2), criterion('b', 0, 3, { findings: [{ messageId: 'x', message: 'セル 8 の出力は 50890 でした(期待値 25450)。' }] })] });
    const feedback = studentFeedback(row, context);
    expect(feedback.items.map((i) => [i.id, i.status, i.expected, i.found])).toEqual([
      ['a', 'met', null, []],
      ['b', 'not-met', 'b をやり直してください。', ['セル 8 の出力は 50890 でした(期待値 25450)。']],
    ]);
    expect(buildComment(row, context)).toBe('2/5 点。【項目 b 0/3】セル 8 の出力は 50890 でした(期待値 25450)。b をやり直してください。');
  });

  it('names a criterion left without evidence by another once, after that one; one charged elsewhere not at all', () => {
    const root = criterion('run', 0, 2, { findings: [{ messageId: 'notRun', message: '実行されていません。' }] });
    const follows = criterion('shapes', 0, 1, { findings: [{ messageId: 'missing', message: '形が見当たりません。', chargedBy: { criterion: 'run', title: '項目 run', keepsPoints: false } }] });
    const excused = criterion('acc', 1, 1, { findings: [{ messageId: 'below', message: '届きません。', chargedBy: { criterion: 'fit', title: '学習の設定', keepsPoints: true } }] });
    const row = gradeRow({ criteria: [root, follows, excused] });
    const feedback = studentFeedback(row, context);
    expect(feedback.items.map((i) => [i.id, i.found, i.lostBecauseOf, i.chargedElsewhere])).toEqual([
      ['run', ['実行されていません。'], null, []],
      ['shapes', [], 'run', []],
      ['acc', [], null, ['学習の設定']],
    ]);
    expect(buildComment(row, context)).toBe('1/5 点。【項目 run 0/2】実行されていません。run をやり直してください。同じ理由で、次の項目も点が引かれています: 項目 shapes 0/1。');
  });

  it('leaves hidden criteria out of what the student is told, but not out of the score', () => {
    const secret = criterion('secret', 0, 3, { hidden: true, findings: [{ messageId: 'x', message: '隠しテストの詳細' }] });
    const row = gradeRow({ criteria: [criterion('a', 2, 2), secret] });
    const feedback = studentFeedback(row, context);
    expect(feedback.items.map((i) => i.id)).toEqual(['a']);
    expect(feedback.hiddenCriteria).toBe(1);
    const comment = buildComment(row, context);
    expect(comment).toBe('2/5 点。公開している項目はすべて満たしています。');
    expect(comment).not.toContain('隠し');
  });

  it('says why a file was not graded', () => {
    expect(buildComment(gradeRow({ status: 'late', criteria: null, submittedAt: '2023-11-17 00:00:41' }), context)).toContain('締め切り(2023-11-16 23:59)後の提出(2023-11-17 00:00:41)');
    const unreadable = buildComment(gradeRow({ status: 'unreadable', criteria: null, reason: 'The file is empty.' }), context);
    expect(unreadable).toMatch(/^ノートブックとして読み込めませんでした(.+)。Colab の「ファイル」→「ダウンロード」/);
    // the parser's (English) detail is for the TA, in the report
    expect(unreadable).not.toContain('The file is empty.');
  });
});

describe('truncateComment (--comment-limit)', () => {
  it('keeps short text as it is and cuts long text to exactly the limit, ending in …', () => {
    expect(truncateComment('短い。', 10)).toBe('短い。');
    const long = 'あ'.repeat(50);
    const cut = truncateComment(long, 20);
    expect([...cut]).toHaveLength(20);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('cuts after a sentence when one ends near the limit', () => {
    const text = `${'い'.repeat(15)}。${'う'.repeat(30)}`;
    expect(truncateComment(text, 20)).toBe(`${'い'.repeat(15)}。…`);
  });

  it('never splits a character: surrogate pairs and combining marks stay whole', () => {
    const text = '𠮷'.repeat(10) + 'か\u3099'.repeat(10);
    for (let limit = 1; limit < 22; limit++) {
      const cut = truncateComment(text, limit);
      expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      expect([...new Intl.Segmenter('ja', { granularity: 'grapheme' }).segment(cut)].length).toBeLessThanOrEqual(limit);
    }
  });

  it('applyCommentLimit gives rows with every comment cut (the rows given are not changed)', () => {
    const rows = [{ comment: 'え'.repeat(30) }, { comment: 'ok' }];
    expect(applyCommentLimit(rows, 10).map((r) => r.comment)).toEqual([`${'え'.repeat(9)}…`, 'ok']);
    expect(rows[0]?.comment).toBe('え'.repeat(30));
  });
});

describe('feedback files', () => {
  const other = gradeRow({ studentId: '2312002', name: '佐藤花子', file: '2312002_佐藤花子_4.ipynb', criteria: [criterion('a', 2, 2), criterion('b', 3, 3)] });
  const superseded = gradeRow({ status: 'superseded', criteria: null, primary: false, file: '2312001_山田太郎_4 old.ipynb' });
  const noId = gradeRow({ studentId: null, name: null, file: 'kadai4.ipynb' });
  const hostileId = gradeRow({ studentId: '../../etc/passwd', file: 'x.ipynb' });
  const mine = gradeRow({
    criteria: [
      criterion('a', 2, 2),
      criterion('b', 1, 3, { title: 'モデル | 表を壊す <b>', findings: [{ messageId: 'x', message: 'セル 8: units は 64 でした `code` |' }] }),
      criterion('h', 0, 2, { hidden: true, title: '隠し項目', findings: [{ messageId: 'y', message: '隠しの中身' }] }),
    ],
  });
  const run = gradeRun([mine, superseded, other, noId, hostileId]);

  it('writes one file per student with a safe id, for the primary row only', () => {
    expect(feedbackRows(run)).toEqual([mine, other]);
    expect(feedbackFiles(run).map((f) => f.path)).toEqual(['2312001.md', '2312002.md']);
  });

  it('has the score, per visible criterion what was expected and found, and nothing hidden or from others', () => {
    const md = feedbackMarkdown(run, mine);
    expect(md).toContain('## 得点: 3 / 5 点');
    expect(md).toContain('- 求めていること: b をやり直してください。');
    expect(md).toContain('- 見つかったこと: セル 8: units は 64 でした \\`code\\` \\|');
    expect(md).toContain('| モデル \\| 表を壊す \\<b\\> | 1 / 3 | △ 一部を満たしています |');
    expect(md).toContain('(得点には、ここに表示していない採点項目の点も含まれます。)');
    expect(md).not.toMatch(/隠し|佐藤|2312002/);
  });

  it('explains a file that was not graded', () => {
    const late = gradeRow({ status: 'late', criteria: null, submittedAt: '2023-11-17 00:00:41' });
    expect(feedbackMarkdown(gradeRun([late]), late)).toContain('## 結果\n\n締め切り(2023-11-16 23:59)後の提出(2023-11-17 00:00:41)のため受理できません。');
  });
});
