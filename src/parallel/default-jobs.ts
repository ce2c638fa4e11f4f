/**
 * The default --jobs: one thread fewer than the cores. V8's compiler and garbage-collector threads and the
 * main thread's own work (reading, copy detection, writing) need a core: on 2 cores a second grading
 * thread made a 2,000-notebook class slower, not faster (bench/batch-speed.ts). Kept apart from pool.ts so
 * that the command line can show it without loading the grading modules.
 */
import { availableParallelism } from 'node:os';

export function defaultJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}
