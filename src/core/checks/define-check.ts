/**
 * A check is a small pure function over the evidence of one notebook and the expected values of the
 * assignment. It returns findings (an empty list means the criterion is met) and never decides points:
 * the rubric does.
 */
import type { z } from 'zod';
import type { CheckInput, CheckOutcome, Finding, FindingExtra, Location } from '../../types.js';

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
  extra?: FindingExtra,
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
  return (messageId, data, at, extra) => {
    // keys in this order: messageId, message, at, cost, detail (the results JSON shows them so)
    const head = { messageId, message: interpolate(check.messages[messageId], data) };
    const finding: Finding = Object.assign(head, at ? { at } : {}, { cost: extra?.cost ?? 1 });
    if (extra?.detail !== undefined) finding.detail = extra.detail;
    return finding;
  };
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
