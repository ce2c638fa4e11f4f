/**
 * A check is a small pure function over the evidence of one notebook and the expected values of the
 * assignment. It returns findings (an empty list means the criterion is met) and never decides points:
 * the rubric does.
 */
import type { z } from 'zod';
import type { Evidence, Location, ModelSpec } from '../types.js';
import type { ModelDescription } from '../trainer/build-model.js';
import type { Expected } from '../rubric/expected.js';

export interface Finding {
  messageId: string;
  /** Japanese text for the student and the TA, already interpolated. */
  message: string;
  at?: Location;
}

export interface CheckOutcome {
  findings: Finding[];
  /** Share of the criterion met, 0..1, for partial credit; omitted: 1 when no findings, else 0. */
  fraction?: number;
  /** Set when the evidence exists but could not be read: the criterion scores 0 and needs review. */
  unreadable?: string;
}

/** The student's own model (the last one their code builds), as the trainer builds it: instant, no training. */
export interface StudentModel {
  spec: ModelSpec;
  /** Parameter counts and output shapes of the built model; null when it could not be built. */
  description: ModelDescription | null;
  /** Why it could not be built (an unsupported layer, no input shape …). */
  error: string | null;
}

export interface CheckInput {
  evidence: Evidence;
  expected: Expected;
  studentModel: StudentModel | null;
  /** Source text of each code cell by cell index ('' for markdown and raw cells): ties an output to the code that made it. */
  sources: readonly string[];
}

export interface Check<Options extends z.ZodType = z.ZodType, MessageId extends string = string> {
  id: string;
  description: string;
  options: Options;
  messages: Record<MessageId, string>;
  run(input: CheckInput, options: z.infer<Options>, report: Reporter<MessageId>): CheckOutcome;
}

export type Reporter<MessageId extends string> = (
  messageId: MessageId,
  data?: Record<string, string | number>,
  at?: Location,
) => Finding;

/** Typing helper: ties messageIds to the messages map. No logic. */
export function defineCheck<Options extends z.ZodType, MessageId extends string>(
  check: Check<Options, MessageId>,
): Check<Options, MessageId> {
  return check;
}

/** `{{name}}` interpolation, as ESLint does it. */
export function interpolate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}

export function reporterFor<MessageId extends string>(check: Check<z.ZodType, MessageId>): Reporter<MessageId> {
  return (messageId, data, at) => ({
    messageId,
    message: interpolate(check.messages[messageId], data),
    ...(at ? { at } : {}),
  });
}

/** The outcome of a check whose evidence exists but cannot be read: 0 points, needs review, with the reason. */
export function unreadableOutcome(finding: Finding): CheckOutcome {
  return { findings: [finding], unreadable: finding.message };
}

/**
 * Location text with 1-based cell numbers, as a person counts: "セル 7 の 2 行目" for code,
 * "セル 7 の出力" for a saved output.
 */
export function describeLocation(at: Location | undefined, of: 'code' | 'output'): string {
  if (!at) return '';
  if (of === 'output') return `セル ${at.cell + 1} の出力`;
  return at.line ? `セル ${at.cell + 1} の ${at.line} 行目` : `セル ${at.cell + 1}`;
}
