import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../src/trainer/mnist.js';
import { flagImplausible, trainerReplay, type Replay, type ReplaySpec, verifyAccuracy, verifyRunAccuracy } from '../src/verify-accuracy.js';
import type { Evidence, Expected } from '../src/types.js';
import { ASKED, dense, expectedWith, lecture } from './helpers/evidence-builders.js';
import { gradeRow } from './report/rows.js';

const band = { min: 0.9619, max: 0.9653 };
const expected: Expected = expectedWith({ accuracy: { threshold: 0.9519, rule: 'lowest − 0.01', source: 'test', band } });

function rowWith(change: (evidence: Evidence) => void, reported: number) {
  const { evidence } = lecture(change);
  const log = evidence.outputs.trainingLogs.at(-1)!;
  log.final = { ...log.final!, val_accuracy: reported };
  return gradeRow({ evidence });
}

function fakeReplay(valAccuracy: number | null): { replay: Replay; calls: ReplaySpec[] } {
  const calls: ReplaySpec[] = [];
  return { calls, replay: async (spec) => (calls.push(spec), { valAccuracy, cached: false }) };
}

describe('verifyAccuracy', () => {
  it("judges the assignment's own model against the reference band, without training", async () => {
    const { replay, calls } = fakeReplay(0.5);
    const fine = await verifyAccuracy(rowWith(() => {}, 0.964), ASKED, expected, replay, 0.015);
    expect(fine).toMatchObject({ basis: 'reference-band', implausible: false, expected: band.max });
    const tooGood = await verifyAccuracy(rowWith(() => {}, 0.99), ASKED, expected, replay, 0.015);
    expect(tooGood).toMatchObject({ basis: 'reference-band', implausible: true });
    expect(calls).toHaveLength(0);
  });

  it("replays a student's variant with its own settings and flags a report far above it", async () => {
    const wider = (e: Evidence) => void (e.code.models[0]!.layers[0] = dense(64, 'relu', { inputShape: [784] }));
    const { replay, calls } = fakeReplay(0.9731);
    const plausible = await verifyAccuracy(rowWith(wider, 0.9736), ASKED, expected, replay, 0.015);
    expect(plausible).toMatchObject({ basis: 'replay', implausible: false, expected: 0.9731 });
    expect(calls[0]?.layers[0]?.units).toBe(64);
    expect(calls[0]?.fit.epochs).toBe(ASKED.fit.epochs);
    const edited = await verifyAccuracy(rowWith(wider, 0.995), ASKED, expected, replay, 0.015);
    expect(edited?.implausible).toBe(true);
  });

  it('says when a variant cannot be trained, and never flags it', async () => {
    const odd = (e: Evidence) => void (e.code.models[0]!.layers[0] = dense(64, 'relu', { type: 'Conv2D' }));
    const verdict = await verifyAccuracy(rowWith(odd, 0.99), ASKED, expected, async () => ({ error: 'unsupported layer Conv2D' }), 0.015);
    expect(verdict).toMatchObject({ basis: 'not-trainable', implausible: false });
  });

  it('adds the flag accuracy-implausible to a new row, once', async () => {
    const row = rowWith(() => {}, 0.999);
    const verdicts = await verifyRunAccuracy([row], ASKED, expected, fakeReplay(null).replay, 0.015);
    const [flagged] = flagImplausible(flagImplausible([row], verdicts), verdicts);
    expect(flagged?.flags).toEqual(['accuracy-implausible']);
    expect(row.flags).toEqual([]);
  });
});

describe('trainerReplay: distinct variants trained in parallel worker threads, then cached', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'verify-cache-'));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
  const data = loadMnist({ trainLimit: 330, testLimit: 100, shared: true });
  const short = (e: Evidence) => void (e.code.fits[0]!.epochs = 2);
  const wider = (units: number) => (e: Evidence) => {
    short(e);
    e.code.models[0]!.layers[0] = dense(units, 'relu', { inputShape: [784] });
  };
  const conv = (e: Evidence) => void (e.code.models[0]!.layers[0] = dense(64, 'relu', { type: 'Conv2D' }));
  // The lecture model (reference band), Dense(64) twice (one variant), Dense(16), and an untrainable Conv2D.
  const rows = () =>
    [rowWith(() => {}, 0.964), rowWith(wider(64), 0.99), rowWith(wider(64), 0.5), rowWith(wider(16), 0.5), rowWith(conv, 0.9)].map((row, i) => {
      const id = `23120${10 + i}`;
      return { ...row, studentId: id, file: `${id}_学生_4.ipynb` };
    });

  function classRun() {
    const starts: [number, number][] = [];
    const labels = new Set<string>();
    const replay = trainerReplay('wasm', cacheDir, (label) => labels.add(label), { data, workers: 2, onStart: (variants, workers) => starts.push([variants, workers]) });
    return { replay, starts, labels };
  }

  it('first run: the two distinct trainable variants train once each, in two workers (the Conv2D is refused before any training)', async () => {
    const { replay, starts, labels } = classRun();
    const batch = rows();
    const verdicts = [...(await verifyRunAccuracy(batch, ASKED, expected, replay, 0.015)).values()];
    expect(starts).toEqual([[2, 2]]);
    expect(labels.size).toBe(2);
    expect(verdicts.map((v) => v.basis)).toEqual(['reference-band', 'replay', 'replay', 'replay', 'not-trainable']);
    expect(verdicts[1]!.expected).toBe(verdicts[2]!.expected);
    expect(verdicts[1]!.implausible).toBe(true);
    expect(verdicts.filter((v) => v.detail.includes('(cached)'))).toHaveLength(0);
    expect(verdicts[4]!.detail).toMatch(/cannot replay: .*Conv2D/);
    expect(readdirSync(join(cacheDir, 'trainer'))).toHaveLength(2);
  });

  it('second run on the same class trains nothing: every variant is a cache hit', async () => {
    const { replay, starts, labels } = classRun();
    const verdicts = [...(await verifyRunAccuracy(rows(), ASKED, expected, replay, 0.015)).values()];
    expect(starts).toEqual([]);
    expect(labels.size).toBe(0);
    expect(verdicts.slice(1, 4).map((v) => v.detail.endsWith('(cached)'))).toEqual([true, true, true]);
  });
});
