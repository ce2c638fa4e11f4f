/**
 * Calls into libraries the interpreter does not model one by one (numpy, matplotlib, pandas, …): what
 * their results are computed from, which of them return None (so that a cell's last expression shows
 * nothing), and numpy's rounding, which keeps a prediction row a row.
 */
import { lastSegment } from './keras-symbols.js';
import { type Args, NONE, type Value, type ValueSource, argumentsSource, sourceOfAll } from './values.js';
import { withProps } from '../util/objects.js';

/** Functions and methods that return None: as a cell's last expression they show nothing. */
export const NONE_RETURNING = new Set([
  'show', 'savefig', 'tight_layout', 'subplots_adjust', 'grid', 'close', 'clf', 'cla', 'ion', 'ioff',
  'seed', 'set_seed', 'summary', 'save', 'save_weights', 'print', 'display', 'set_printoptions',
]);

/** Libraries whose functions give results computed only from their arguments (no files, no randomness). */
const PURE_ROOTS = new Set(['numpy', 'matplotlib', 'pylab', 'seaborn', 'keras', 'tensorflow', 'math', 'IPython', 'builtins']);
const PURE_PATHS = new Set(['pandas.DataFrame', 'pandas.Series', 'pandas.concat']);
const PURE_PREFIXES = ['sklearn.metrics.'];
/** Names that read files or the network, or draw random numbers: their results are not the same for everyone. */
const UNSTABLE_NAME = /load|read|open|fetch|download|get_file|fromfile|genfromtxt|shuffle|permutation|choice|sample|random/i;

/** What a library call's result is computed from. */
export function librarySource(path: string, args: Args): ValueSource {
  const segments = path.split('.');
  if (segments.includes('random') || UNSTABLE_NAME.test(lastSegment(path))) return 'unknown';
  const pure = PURE_ROOTS.has(segments[0] ?? '') || PURE_PATHS.has(path) || PURE_PREFIXES.some((prefix) => path.startsWith(prefix));
  return pure ? argumentsSource(args) : 'unknown';
}

const ROUNDING = new Set(['around', 'round', 'round_']);

/** A library function's result: None for the few that return it, numpy rounding of an array, else an object. */
export function libraryCall(path: string, args: Args): Value {
  const segments = path.split('.');
  const name = lastSegment(path);
  if (NONE_RETURNING.has(name) && PURE_ROOTS.has(segments[0] ?? '')) return NONE;
  const first = args.positional[0];
  if (segments[0] === 'numpy' && ROUNDING.has(name) && first?.kind === 'array') {
    return withProps(first, { source: args.known ? sourceOfAll([first, ...args.positional.slice(1), ...args.keyword.values()]) : ('unknown' as const) });
  }
  return { kind: 'obj', path, args, source: librarySource(path, args) };
}

/** Array methods that keep a prediction row a row (test2[1].round(3)). */
export function isRounding(name: string): boolean {
  return name === 'round';
}

const RANDOM_METHODS = /^(shuffle|permutation|choice|sample|rand|randn|randint|random|normal|uniform|integers|flow|flow_from_directory|flow_from_dataframe)$|random/;

/** Methods whose results are not the same for everyone (a shuffled dataset, a random sample, augmented batches). */
export function isRandomMethod(name: string): boolean {
  return RANDOM_METHODS.test(name);
}

/**
 * np.random.shuffle(x), random.shuffle(x), rng.shuffle(x) shuffle their argument in place: an array
 * shuffled so is no longer the same for everyone.
 */
export function shuffleInPlace(name: string, args: Args): void {
  if (name !== 'shuffle') return;
  for (const value of args.positional) if (value.kind === 'array') value.source = 'unknown';
}
