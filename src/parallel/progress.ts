/**
 * A one-line progress bar for a terminal: `grading ██████████░░░░░░░░░░ 1234/2000 notebooks`. It only
 * builds text and hands it to the writer it is given (src/cli.ts passes stderr, and only when stderr is a
 * TTY); redraws are limited to about ten a second and to visible changes.
 */
export interface ProgressBar {
  update(done: number, total: number): void;
  /** Clears the line. */
  finish(): void;
}

const WIDTH = 24;
const MIN_INTERVAL_MS = 100;

export function progressText(done: number, total: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * WIDTH);
  return `grading ${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)} ${done}/${total} notebooks`;
}

export function createProgressBar(write: (text: string) => void, now: () => number = () => Date.now()): ProgressBar {
  let last = -Infinity;
  let shown = '';
  return {
    update(done, total) {
      const time = now();
      if (done < total && time - last < MIN_INTERVAL_MS) return;
      const text = progressText(done, total);
      if (text === shown) return;
      last = time;
      shown = text;
      write(`\r${text}\u001b[K`);
    },
    finish() {
      if (shown !== '') write('\r\u001b[K');
      shown = '';
    },
  };
}
