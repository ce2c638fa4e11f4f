/** Copy detection through the real pipeline: who is flagged, with which kind, similarity and evidence. */
import { beforeAll, describe, expect, it } from 'vitest';
import { gradeDir, flagsOf } from './grade-dir.js';
import { addCodeCell, bytesOf, fixture, otherOwnCode, ownCode, pngOutput, rerun, runBy } from './notebooks.js';
import type { GradeRun } from '../../src/types.js';

const A = '2312101_青木一郎_4.ipynb';
const B = '2312102_石川二郎_4.ipynb';
const C = '2312103_上田三郎_4.ipynb';
const D = '2312104_江藤四郎_4.ipynb';
const E = '2312105_大野五郎_4.ipynb';
const E2 = '2312105_大野五郎_4 (1).ipynb';
const F = '2312106_加藤六郎_4.ipynb';

describe('copy clusters across a batch', () => {
  let run: GradeRun;
  beforeAll(async () => {
    // A: honest lecture code and its own run. B: A's notebook re-submitted under B's name, with a few
    // numbers edited. C: own run, plus its own code copied by D with names changed; D also shows C's
    // plot. E: two uploads of the same notebook (the second supersedes the first). F: own work, but run
    // in A's Colab account.
    const a = runBy(rerun(fixture(), 1), '青木一郎', '100000000000000000001');
    const b = runBy(rerun(rerun(fixture(), 1), 99, [3, 4, 5]), '石川二郎', '100000000000000000002');
    const c = addCodeCell(runBy(rerun(fixture(), 3), '上田三郎', '100000000000000000003'), ownCode('a'), [pngOutput(7)]);
    const d = addCodeCell(runBy(rerun(fixture(), 4), '江藤四郎', '100000000000000000004'), ownCode('b'), [pngOutput(7)]);
    const e = runBy(rerun(fixture(), 5), '大野五郎', '100000000000000000005');
    const f = addCodeCell(runBy(rerun(fixture(), 6), '青木一郎', '100000000000000000001'), otherOwnCode(), [pngOutput(8)]);
    run = await gradeDir({ [A]: bytesOf(a), [B]: bytesOf(b), [C]: bytesOf(c), [D]: bytesOf(d), [E]: bytesOf(e), [E2]: bytesOf(e), [F]: bytesOf(f) }, { [E]: '2023-11-15 10:00:00' });
  }, 60_000);

  const cluster = (kind: string) => run.integrity.clusters.filter((c) => c.kind === kind);

  it('links a near-identical training log (27 of 30 epochs equal) and says which epochs', () => {
    const [logs] = cluster('training-log');
    expect(cluster('training-log')).toHaveLength(1);
    expect(logs?.members.map((m) => m.file)).toEqual([A, B]);
    expect(logs?.similarity).toBe(0.9);
    expect(logs?.evidence.join('\n')).toContain('identical metrics for 27 of 30 epochs');
    expect(logs?.evidence[0]).toContain('2 submissions print the same per-epoch training metrics');
  });

  it('links copied code despite renamed variables, with the cells and lines, and the shared plot', () => {
    expect(cluster('code').map((c) => c.members.map((m) => m.file))).toEqual([[C, D]]);
    const [code] = cluster('code');
    expect(code?.similarity).toBeGreaterThanOrEqual(0.9);
    expect(code?.pairs[0]?.evidence[0]).toMatch(/code fingerprints outside the template are shared: .* cell 19 lines 1–22 ↔ .* cell 19 lines 1–22$/);
    expect(cluster('image').map((c) => c.members.map((m) => m.file))).toEqual([[C, D]]);
    expect(cluster('image')[0]?.evidence.join(' ')).toContain('identical image output(s)');
  });

  it('links notebooks run by the same Colab account and flags the account that is not the submitter', () => {
    expect(cluster('colab-user').map((c) => c.members.map((m) => m.file))).toEqual([[A, F]]);
    expect(cluster('colab-user')[0]?.evidence.join(' ')).toContain('the Colab account "青木一郎"');
    expect(flagsOf(run, F)).toContain('colab-user-mismatch');
    expect(run.integrity.findings.find((f) => f.file === F && f.flag === 'colab-user-mismatch')?.evidence).toContain('not by the submitter 加藤六郎');
  });

  it('flags every member `suspected-copy` and nobody else; a student is never a copy of their own earlier upload', () => {
    const flagged = run.rows.filter((row) => row.flags.includes('suspected-copy')).map((row) => row.file);
    expect(flagged.sort()).toEqual([A, B, C, D, F].sort());
    expect(flagsOf(run, E)).not.toContain('suspected-copy');
    expect(flagsOf(run, E2)).not.toContain('suspected-copy');
    expect(run.rows.find((row) => row.file === E)?.status).toBe('superseded');
  });

  it('leaves scores alone', () => {
    for (const row of run.rows.filter((r) => r.status === 'graded')) expect(row.score).toBe(row.maxScore);
  });

  it('numbers clusters in a fixed order and records its settings', () => {
    expect(run.integrity.clusters.map((c) => [c.id, c.kind])).toEqual([
      ['copy-1', 'training-log'],
      ['copy-2', 'code'],
      ['copy-3', 'image'],
      ['copy-4', 'colab-user'],
    ]);
    expect(run.integrity.settings).toMatchObject({ template: 'kadai4.template.py', k: 12, window: 8 });
  });
});

describe('no clusters among honest work', () => {
  it('the lecture code typed by everyone, the same imshow image and independent runs link nobody', async () => {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 6; i++) files[`231220${i}_学生${i}_4.ipynb`] = bytesOf(runBy(rerun(fixture(), 10 + i), `学生${i}`, `20000000000000000000${i}`));
    const run = await gradeDir(files);
    expect(run.integrity.clusters).toEqual([]);
    expect(run.integrity.findings).toEqual([]);
    expect(run.rows.every((row) => row.flags.length === 0)).toBe(true);
  }, 60_000);

  it('the same log from two notebooks that fix the same seed links nobody; with other seeds it is evidence', async () => {
    const seeded = (name: string, user: string, seed: number) => addCodeCell(runBy(rerun(fixture(), 21), name, user), `import tensorflow as tf\ntf.random.set_seed(${seed})`);
    const same = await gradeDir({ '2312301_種田一_4.ipynb': bytesOf(seeded('種田一', '300000000000000000001', 42)), '2312302_種田二_4.ipynb': bytesOf(seeded('種田二', '300000000000000000002', 42)) });
    expect(same.integrity.clusters).toEqual([]);
    const other = await gradeDir({ '2312301_種田一_4.ipynb': bytesOf(seeded('種田一', '300000000000000000001', 42)), '2312302_種田二_4.ipynb': bytesOf(seeded('種田二', '300000000000000000002', 7)) });
    expect(other.integrity.clusters.map((c) => c.kind)).toEqual(['training-log']);
  }, 60_000);
});
