import { describe, expect, it } from 'vitest';
import { cleanTerminalText, joinMultiline } from '../../src/core/notebook/clean-text.js';

describe('cleanTerminalText', () => {
  it('keeps plain text unchanged', () => {
    expect(cleanTerminalText('a\nb\n')).toBe('a\nb\n');
    expect(cleanTerminalText('')).toBe('');
  });

  it('overwrites from column 0 after \\r and keeps the longer tail', () => {
    expect(cleanTerminalText('abcdef\rXY')).toBe('XYcdef');
    expect(cleanTerminalText(' 400/9600 [>....] - ETA: 25s - loss: 3.0232\r9600/9600 [=====] - 2s')).toBe('9600/9600 [=====] - 2sA: 25s - loss: 3.0232');
  });

  it('treats \\r\\n as a plain line end', () => {
    expect(cleanTerminalText('one\r\ntwo\r\n')).toBe('one\ntwo\n');
  });

  it('moves back one column on \\b and never before column 0', () => {
    expect(cleanTerminalText('abc\b\bX')).toBe('aXc');
    expect(cleanTerminalText('\b\b\bab')).toBe('ab');
    expect(cleanTerminalText('ab\b\b\b\b\rcd')).toBe('cd');
  });

  it('removes ANSI colour, bold and OSC sequences', () => {
    expect(cleanTerminalText('\u001b[1m750/750\u001b[0m \u001b[32m━━\u001b[0m\u001b[37m\u001b[0m \u001b[1m2s\u001b[0m')).toBe('750/750 ━━ 2s');
    expect(cleanTerminalText('\u001b[38;5;33mDense\u001b[0m \u001b[0;31mError\u001b[0m')).toBe('Dense Error');
    expect(cleanTerminalText('\u001b]8;;http://x\u0007link\u001b]8;;\u001b\\')).toBe('link');
    expect(cleanTerminalText('\u001b(Bplain')).toBe('plain');
  });

  it('applies erase-in-line \\u001b[K from the cursor', () => {
    expect(cleanTerminalText('abcdef\rxy\u001b[K')).toBe('xy');
    expect(cleanTerminalText('abc\u001b[K')).toBe('abc');
  });

  it('renders a Keras 2.0 chunk sequence to its final bar', () => {
    const b = '\b'.repeat(83);
    const raw = `${b}\r 400/9600 [>...] - ETA: 25s - loss: 3.0232 - acc: 0.0975 ${b}\r9600/9600 [=====] - 2s - loss: 1.5613 - acc: 0.4876 - val_loss: 0.7026`;
    expect(cleanTerminalText(raw)).toBe('9600/9600 [=====] - 2s - loss: 1.5613 - acc: 0.4876 - val_loss: 0.7026');
  });

  it('keeps tabs and surrogate pairs as single columns and drops other control characters', () => {
    expect(cleanTerminalText('a\tb\u0007')).toBe('a\tb');
    expect(cleanTerminalText('🎉x\r!')).toBe('!x');
  });

  it('drops a truncated escape sequence at the end', () => {
    expect(cleanTerminalText('ok\u001b[3')).toBe('ok');
    expect(cleanTerminalText('ok\u001b')).toBe('ok');
  });

  it('handles 100,000 progress updates on one line and 100,000 lines', { timeout: 60_000 }, () => {
    const updates = Array.from({ length: 100_000 }, (_, i) => `\r${i + 1}/100000 [====] - loss: 0.1`).join('');
    expect(cleanTerminalText(updates)).toBe('100000/100000 [====] - loss: 0.1');
    const lines = Array.from({ length: 100_000 }, (_, i) => `\u001b[1m${i}\u001b[0m\r${i}/100000`).join('\n');
    const cleaned = cleanTerminalText(lines).split('\n');
    expect(cleaned).toHaveLength(100_000);
    expect(cleaned[99_999]).toBe('99999/100000');
  });

  it('handles a 50 MB string', { timeout: 60_000 }, () => {
    const chunk = 'x'.repeat(1023) + '\r';
    const big = chunk.repeat(50 * 1024) + 'done';
    expect(big.length).toBeGreaterThan(50_000_000);
    const cleaned = cleanTerminalText(big);
    expect(cleaned).toBe('done' + 'x'.repeat(1019));
  });
});

describe('a finished Keras progress line drawn over on its own line (issue 15)', () => {
  const finished = '750/750 [==============================] - 2s 3ms/step - loss: 0.0811 - accuracy: 0.9757 - val_loss: 0.1162 - val_accuracy: 0.9668';
  const fragment = ' 745/750 [============================>.] - ETA: 0s - loss: 0.0815 - accuracy: 0.9755';

  it('a terminal would show the fragment over the finished line\'s start; the finished line is kept', () => {
    expect(cleanTerminalText(finished + '\b'.repeat(1500) + fragment + '\n')).toBe(finished + '\n');
    expect(cleanTerminalText(finished + '\b'.repeat(2000) + '0s - loss: 0.0815 - accuracy: 0.9755')).toBe(finished);
    expect(cleanTerminalText(finished + '\r' + fragment)).toBe(finished);
  });

  it('also when the fragment covers the whole finished line (padded with spaces), or is drawn twice', () => {
    const padded = fragment.padEnd(finished.length + 3);
    expect(cleanTerminalText(finished + '\b'.repeat(1200) + padded)).toBe(finished);
    expect(cleanTerminalText(finished + '\b'.repeat(1200) + fragment + '\b'.repeat(1200) + ' - ETA: 0s - loss: 0.0820')).toBe(finished);
  });

  it('after an erase-in-line (Keras 3 bar, ANSI)', () => {
    const keras3 = '\u001b[1m750/750\u001b[0m \u001b[32m━━━━━━━━━━━━━━━━━━━━\u001b[0m\u001b[37m\u001b[0m \u001b[1m2s\u001b[0m 2ms/step - accuracy: 0.9757 - loss: 0.0811';
    expect(cleanTerminalText(keras3 + '\r\u001b[K' + '\u001b[1m749/750\u001b[0m - accuracy: 0.97')).toBe('750/750 ━━━━━━━━━━━━━━━━━━━━ 2s 2ms/step - accuracy: 0.9757 - loss: 0.0811');
  });

  it('a later finished line that covers it wins, as on screen (Keras 2.0: the last batch, then the epoch line with val_)', () => {
    const lastBatch = '9600/9600 [==============================] - 2s - loss: 1.5613 - acc: 0.4876';
    const epochLine = '9600/9600 [==============================] - 2s - loss: 1.5613 - acc: 0.4876 - val_loss: 0.7026 - val_acc: 0.8292';
    expect(cleanTerminalText(lastBatch + '\b'.repeat(83) + '\r' + epochLine)).toBe(epochLine);
    expect(cleanTerminalText(finished + '\b'.repeat(1500) + '750/750 [==============================] - 2s 3ms/step - loss: 0.0900')).toBe(finished);
    const coveringWithFewerMetrics = '750/750 [==============================] - 2s 3ms/step - loss: 0.0900 - accuracy: 0.9700'.padEnd(finished.length);
    expect(cleanTerminalText(finished + '\r' + coveringWithFewerMetrics)).toBe(finished);
  });

  it('what a terminal shows is kept for unfinished bars, for longer text that is not a progress line, and when nothing is drawn over', () => {
    const first = '  1/750 [..............................] - ETA: 9s - loss: 2.3';
    expect(cleanTerminalText(fragment + '\r' + first)).toBe(first + fragment.slice(first.length));
    const warning = 'WARNING:tensorflow:Callbacks method `on_train_batch_end` is slow compared to the batch time (batch time: 0.0140s vs `on_train_batch_end` time: 0.4335s).';
    expect(cleanTerminalText(finished + '\r' + warning)).toBe(warning);
    expect(cleanTerminalText(finished + '\b'.repeat(10))).toBe(finished);
    expect(cleanTerminalText(finished + '  \r\n')).toBe(finished + '  \n');
  });

  it('stays linear when a long finished-looking line is redrawn a few columns at a time', { timeout: 60_000 }, () => {
    const long = '1/1 [==============================] - 2s - loss: 0.1000' + ' x'.repeat(50_000);
    expect(cleanTerminalText(long + '\r1/1 '.repeat(1_000_000))).toBe(long);
  });

  it('any shorter text drawn over it leaves the finished line (Keras never draws on a finished line\'s row)', () => {
    expect(cleanTerminalText(finished + '\rWARNING:tensorflow:short')).toBe(finished);
  });
});

describe('joinMultiline', () => {
  it('joins lists and passes strings through', () => {
    expect(joinMultiline(['a\n', 'b'])).toBe('a\nb');
    expect(joinMultiline('a\nb')).toBe('a\nb');
    expect(joinMultiline(undefined)).toBe('');
    expect(joinMultiline(['a', 3, 'b'])).toBe('ab');
  });
});
