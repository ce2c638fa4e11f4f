/** The progress bar's text and its redraw rules (the CLI shows it on stderr only when that is a TTY). */
import { describe, expect, it } from 'vitest';
import { createProgressBar, progressText } from '../../src/parallel/progress.js';
import { threadsFor } from '../../src/parallel/pool.js';

describe('progress bar', () => {
  it('shows the share done', () => {
    expect(progressText(0, 200)).toBe(`grading ${'░'.repeat(24)} 0/200 notebooks`);
    expect(progressText(100, 200)).toBe(`grading ${'█'.repeat(12)}${'░'.repeat(12)} 100/200 notebooks`);
    expect(progressText(200, 200)).toBe(`grading ${'█'.repeat(24)} 200/200 notebooks`);
  });

  it('redraws at most ten times a second, always the last step, and clears its line', () => {
    const writes: string[] = [];
    let now = 0;
    const bar = createProgressBar((text) => writes.push(text), () => now);
    bar.update(1, 100);
    bar.update(2, 100);
    now = 150;
    bar.update(3, 100);
    bar.update(100, 100);
    bar.finish();
    expect(writes).toEqual([`\r${progressText(1, 100)}\u001b[K`, `\r${progressText(3, 100)}\u001b[K`, `\r${progressText(100, 100)}\u001b[K`, '\r\u001b[K']);
  });
});

describe('threads for a batch', () => {
  it('uses a worker per 400 notebooks at most, and the main thread for small batches', () => {
    expect(threadsFor(8, 10)).toBe(1);
    expect(threadsFor(8, 400)).toBe(1);
    expect(threadsFor(2, 401)).toBe(2);
    expect(threadsFor(2, 2000)).toBe(2);
    expect(threadsFor(1, 2000)).toBe(1);
  });
});
