/** Errors the CLI turns into a message and an exit code; anything else is a bug and keeps its stack. */

export const EXIT = {
  /** Every submission was graded (a low score is not an error). */
  ok: 0,
  /** At least one submitted file could not be graded; it still has a row with its status. */
  ungraded: 1,
  /** Usage error, unreadable rubric or options file. */
  usage: 2,
} as const;

export class GraderError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'GraderError';
  }
}

/** A rubric file that does not validate: each line names the path inside the file. */
export class RubricError extends GraderError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid rubric\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'RubricError';
  }
}
