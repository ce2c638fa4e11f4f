import { describe, expect, it } from 'vitest';
import { extractCodeEvidence, maskMagics, parsePython } from '../../src/core/python/index.js';
import { makeCells } from './make-cells.js';

/** Automagic: IPython runs a line magic or a default shell alias written without `%` (`pip install keras`). */

async function parsesCleanly(source: string): Promise<boolean> {
  const tree = await parsePython(source);
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

describe('automagic lines that are not Python are masked, lines kept in place', () => {
  const masked = [
    'pip install keras',
    'pip install -q tensorflow==2.15',
    'conda install -c conda-forge keras',
    'cd drive/MyDrive/lecture4',
    'cd ..',
    'cd ../data',
    'cd ~/data',
    "cd '/content/drive/My Drive'",
    'cd /content/drive/My Drive',
    'ls -la sample_data/ | head',
    'ls *.csv',
    'cat requirements.txt',
    'mkdir -p data/raw',
    'mkdir data',
    'rm -rf sample_data',
    'rm *.zip',
    'cp a.txt b.txt',
    'mv a.txt b.txt',
    'matplotlib inline',
    'load_ext tensorboard',
    'tensorflow_version 2.x',
    'env CUDA_VISIBLE_DEVICES=0',
    'who str',
    'whos int',
    'pwd $HOME',
  ];

  it.each(masked)('%s', async (line) => {
    expect(await parsesCleanly(line)).toBe(false); // not Python before
    const result = maskMagics(line);
    expect(result).toHaveLength(Math.max(line.length, 'pass'.length));
    expect(result.trim()).toBe('pass');
    expect(await parsesCleanly(result)).toBe(true);
  });

  it('keeps the indentation, the line count and the lines around', () => {
    const source = 'import keras\npip install keras\nif True:\n    cd drive/MyDrive\nx = 1';
    expect(maskMagics(source).split('\n')).toEqual(['import keras', 'pass'.padEnd(17, ' '), 'if True:', '    pass'.padEnd(20, ' '), 'x = 1']);
  });

  it('time / timeit / prun keep the statement they time', () => {
    expect(maskMagics('time history = model.fit(x, y, epochs=5)')).toBe('history = model.fit(x, y, epochs=5)'.padEnd(40, ' '));
    expect(maskMagics('timeit -n 1 -r 1 f()')).toBe('f()'.padEnd(20, ' '));
    expect(maskMagics('    time model.fit(x, y)')).toBe('    model.fit(x, y)'.padEnd(24, ' '));
  });

  it('masks the `\\` continuation of a masked line', () => {
    expect(maskMagics('pip install \\\n    keras\nx = 1').split('\n')).toEqual(['pass         ', '         ', 'x = 1']);
  });
});

describe('lines that are Python, or not automagic, stay as they are', () => {
  const kept = [
    'ls = [1, 2]',
    'time = 3',
    'time += 1',
    'ls, cat = 1, 2',
    'cd(x)',
    'cd (x)',
    'ls [0]',
    'time.sleep(1)',
    'time .sleep(1)',
    'ls -l', // ls - l
    'cd /content', // cd / content
    'ls -la /content/sample_data | head', // ls - la / content / sample_data | head
    'cat / 2',
    'rm -x',
    'ls == other',
    'pip: int = 3',
    'time if fast else slow',
    'cd # go home',
    'pip; x = 1',
    'ls',
    'pwd',
    'pip',
    'history.history',
    'history ["loss"]',
    'ls - -x',
    'ls % 3',
  ];
  it.each(kept)('%s', (line) => {
    expect(maskMagics(line)).toBe(line);
  });

  it('names that are neither magics nor aliases (wget, git, nvidia-smi, print)', () => {
    for (const line of ['wget https://example.com/x.zip', 'git clone https://x', 'unzip data.zip', 'apt-get install x', 'print "hi"']) {
      expect(maskMagics(line)).toBe(line);
    }
  });

  it('inside a string, a comprehension or a bracket', () => {
    const source = 's = """\npip install keras\n"""\nnames = [ls for ls in x]\nvalues = dict(\n    time = 3)';
    expect(maskMagics(source)).toBe(source);
  });
});

describe('automagic in an extraction', () => {
  it('a one-line `pip install keras` cell (2398004) is not a syntax error', async () => {
    const evidence = await extractCodeEvidence(
      makeCells(['pip install keras', 'cd drive/MyDrive\nmatplotlib inline\ntime history = model.fit(x_train, y_train, epochs=3)']),
    );
    expect(evidence.syntaxErrors).toEqual([]);
    expect(evidence.fits[0]).toMatchObject({ epochs: 3, at: { cell: 1, line: 3 } });
  });

  it('a shell command with no magic or alias is still a syntax error', async () => {
    const evidence = await extractCodeEvidence(makeCells(['wget https://example.com/mnist.npz', 'x = 1']));
    expect(evidence.syntaxErrors.map((error) => error.cell)).toEqual([0]);
  });
});
