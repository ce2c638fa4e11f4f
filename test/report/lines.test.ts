/** Evidence in view: long outputs fold around the highlighted lines; highlighted code keeps its spans balanced per line. */
import { describe, expect, it } from 'vitest';
import { jsonBreak } from '../../src/report/html/file-content.js';
import { highlightedLines, renderSource, renderTextLines } from '../../src/report/html/lines.js';

const log = Array.from({ length: 30 }, (_, i) => `Epoch ${i + 1}/30\n750/750 [====] - 2s 3ms/step - loss: 0.${50 - i} - val_accuracy: 0.9${i}`).join('\n');

describe('output lines', () => {
  it('shows a short output whole, escaped, with its marked lines highlighted', () => {
    const out = renderTextLines('a\n<b>\nc\n', 4, new Set([5]), 'stdout').html;
    expect(out).toBe('<pre class="out stdout">a\n<mark class="hl">&lt;b&gt;</mark>\nc</pre>');
  });

  it('folds a long log: the first epochs, a fold saying which epochs it holds, the last epochs, and every marked line in view', () => {
    const out = renderTextLines(log, 1, new Set([59, 60, 21]), 'stdout').html;
    const visible = out.replace(/<details[^]*?<\/details>/g, '');
    expect(visible).toContain('Epoch 1/30');
    expect(visible).toContain('<mark class="hl">Epoch 30/30</mark>');
    expect(visible).toContain('<mark class="hl">Epoch 11/30</mark>');
    expect(visible).not.toContain('Epoch 5/30');
    expect(out).toContain('<summary>… エポック 4〜10、13 行を省略(クリックで表示)</summary>');
    expect(out.match(/<details/g)).toHaveLength(2);
  });

  it('splits highlighted code into lines whose spans are each closed, and marks lines by number', () => {
    const source = 's = """a\nb"""\nx = 1';
    const lines = highlightedLines(source);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect((line.match(/<span/g) ?? []).length).toBe((line.match(/<\/span>/g) ?? []).length);
    expect(renderSource(source, new Set([3])).html).toMatch(/<mark class="hl">x = <span class="hljs-number">1<\/span><\/mark><\/code><\/pre>$/);
  });
});

describe('where an unreadable notebook breaks', () => {
  it('finds the end of a cut-off file and the place of a bad token', () => {
    expect(jsonBreak('{"cells": [1, 2')).toBe(15);
    expect(jsonBreak('{"a": 1 x}')).toBe(8);
    expect(jsonBreak('{"a": 1}')).toBeNull();
  });
});
