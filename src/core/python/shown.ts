/**
 * What the cells show when they run (CodeEvidence.shown): print() and display() calls, plotting calls
 * (imshow, plot, …: their figure becomes an image output), and a cell's last bare expression (its
 * execute_result), each with the source of what is shown and, for a row of a prediction, which row.
 */
import type { SyntaxNode } from './syntax-tree.js';
import type { ShownValue, ValueSource } from '../../types.js';
import { lastSegment } from './keras-symbols.js';
import { type EvalContext, location, nextSeq } from './state.js';
import type { Value } from './values.js';

/** Plotting functions and methods whose call draws data into a figure. */
export const PLOT_NAMES = new Set([
  'imshow', 'plot', 'scatter', 'bar', 'barh', 'hist', 'matshow', 'pcolor', 'pcolormesh', 'contour', 'contourf',
  'errorbar', 'step', 'fill_between', 'heatmap',
]);

/** Libraries whose plotting functions are called by path (plt.imshow, sns.heatmap, pd.plotting…). */
const PLOT_ROOTS = new Set(['matplotlib', 'pylab', 'seaborn', 'pandas']);

/** Receivers of a plotting method: axes, figures, DataFrames (values the interpreter does not model). */
const PLOT_RECEIVERS = new Set<Value['kind']>(['unknown', 'obj', 'array', 'method', 'instance']);

export function isPlotPath(path: string): boolean {
  return PLOT_NAMES.has(lastSegment(path)) && PLOT_ROOTS.has(path.split('.')[0] ?? '');
}

/** ax.imshow(…), df.plot(…), and any method of pandas's plot accessor (df.plot.line(), df.plot.kde()). */
export function isPlotMethod(self: Value, name: string): boolean {
  if (self.kind === 'method' && self.name === 'plot') return true;
  return PLOT_NAMES.has(name) && PLOT_RECEIVERS.has(self.kind);
}

/** IPython's display(), bare (a notebook builtin) or imported. */
export function isDisplayPath(path: string): boolean {
  return path === 'IPython.display.display' || path === 'IPython.core.display.display';
}

/** The first value that is a row of a prediction (for print(np.around(test2[1], 3))). */
function predictRow(values: readonly Value[]): ShownValue['predictRow'] {
  for (const value of values) {
    if (value.kind === 'array' && value.row) return { ...value.row };
  }
  return undefined;
}

/**
 * Records one shown value. `shown` are the values shown (a print's arguments, the expression's value);
 * a plot gives no row (its figure is not a printed array).
 */
export function recordShown(
  ctx: EvalContext,
  node: SyntaxNode,
  how: ShownValue['how'],
  source: ValueSource,
  shown: readonly Value[],
  call?: string,
): void {
  const entry: ShownValue = { how, source, at: location(ctx, node), ranIn: ctx.interp.topCell, seq: nextSeq(ctx) };
  if (call !== undefined) entry.call = call;
  const row = how === 'plot' ? undefined : predictRow(shown);
  if (row) entry.predictRow = row;
  ctx.interp.facts.shown.push(entry);
}
