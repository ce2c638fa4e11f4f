/** Partial credit as multiples of the rubric's pointStep: nearest step, ties down, never full marks while anything is charged. */
import { describe, expect, it } from 'vitest';
import { roundToStep } from '../../src/core/rubric/score.js';

describe('roundToStep', () => {
  it.each([
    [1, 2 / 3, 0.5, 0.5],
    [1, 1 / 3, 0.5, 0.5],
    [2, 2 / 3, 0.5, 1.5],
    [1, 3 / 4, 0.5, 0.5], // a tie rounds down
    [1, 1 / 4, 0.5, 0],
    [2, 0.8, 0.5, 1.5],
    [1, 0.95, 0.5, 0.5], // never rounds up to full marks while something is charged
    [2, 1, 0.5, 2],
    [1, 0, 0.5, 0],
    [1, 2 / 3, 0.01, 0.67],
  ])('%d points × %f at step %f → %f', (points, fraction, step, expected) => {
    expect(roundToStep(points, fraction, step)).toBe(expected);
  });
});
