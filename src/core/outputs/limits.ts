/**
 * Bounds that keep the output parsers' time and memory in proportion on hostile outputs (a 50 MB print,
 * millions of lines). Each is far above what a real notebook shows, so real results never meet them.
 */

/** At most this many facts of one kind (shapes, arrays, summaries, training logs) are read from one cell. */
export const MAX_FACTS_PER_CELL = 10_000;
