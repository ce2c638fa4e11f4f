/**
 * The optional outputs next to the grades CSV: results JSON, WebClass's answer.csv filled in, and an
 * overrides template. Writes files and returns what it wrote and what the TA should hear; src/cli.ts prints.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { GraderError } from '../core/errors.js';
import { readAnswerTemplate, type AnswerColumnOptions, type AnswerTemplate } from './answer-template.js';
import { encodeText } from './encode.js';
import { overridesTemplate } from './overrides-template.js';
import { resultsJsonText } from './results-json.js';
import { answerEntries, fillAnswers, NOT_SUBMITTED, type HoldPolicy } from './webclass-answers.js';
import type { GradeRun } from '../types.js';

export interface ExtraOutputs {
  json?: string;
  answers?: PreparedAnswers;
  overridesTemplate?: string;
  /** Whose cells stay empty in the filled answer.csv (default: suspected copies). */
  hold?: HoldPolicy;
  /** The grades CSV: the filled answer.csv goes next to it by default. */
  out: string;
}

export interface ExtraResult {
  written: Record<string, string>;
  warnings: string[];
  /** Lines for the terminal about answer.csv: counts, students not submitted, submissions not matched. */
  answersReport: string[];
}

export interface PreparedAnswers {
  template: AnswerTemplate;
  file: string;
  /** Where the filled copy goes. */
  out: string;
}

/**
 * Reads answer.csv before grading, so that a missing column stops the run before anything is written.
 * Refuses an output path that is the downloaded file itself.
 */
export async function prepareAnswers(file: string, columns: AnswerColumnOptions, gradesOut: string, answersOut?: string): Promise<PreparedAnswers> {
  const out = answersOut ?? defaultAnswersOut(file, gradesOut);
  if (resolve(out) === resolve(file)) throw new GraderError(`answers: the filled copy would overwrite ${file}; give another --answers-out`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new GraderError(`answers: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return { template: readAnswerTemplate(bytes, columns), file, out };
}

/** `<name>.filled<ext>` in the folder of the grades CSV. */
export function defaultAnswersOut(answers: string, out: string): string {
  const ext = extname(answers) || '.csv';
  return join(dirname(out), `${basename(answers, extname(answers))}.filled${ext}`);
}

export async function writeExtraOutputs(run: GradeRun, options: ExtraOutputs): Promise<ExtraResult> {
  const result: ExtraResult = { written: {}, warnings: [], answersReport: [] };
  if (options.json) {
    await writeFile(options.json, resultsJsonText(run));
    result.written.json = options.json;
  }
  if (options.overridesTemplate) {
    await writeFile(options.overridesTemplate, encodeText(overridesTemplate(run), 'utf8-bom'));
    result.written['overrides template'] = options.overridesTemplate;
  }
  if (options.answers) {
    const { template, out } = options.answers;
    const filled = fillAnswers(template, answerEntries(run, options.hold ?? 'copy'));
    await writeFile(out, filled.bytes);
    result.written['answers'] = out;
    result.warnings.push(...filled.warnings);
    const { id, score, comment } = template.columns;
    result.answersReport.push(
      `answer.csv (${template.encoding}, ${template.lineEnding || 'one line'}; id "${id.name}", score "${score.name}", comment "${comment.name}"): ${filled.filled} rows filled, ${filled.notSubmitted.length} ${NOT_SUBMITTED}${filled.notSubmitted.length ? ` (${filled.notSubmitted.join(', ')})` : ''}`,
    );
    if (filled.held.length > 0) {
      result.answersReport.push(`held (--hold ${options.hold ?? 'copy'}; score and comment left empty until an override decides): ${filled.held.join(', ')}`);
    }
    if (filled.unmatched.length > 0) {
      result.answersReport.push(`not in answer.csv (${filled.unmatched.length}): these scores were not written there`);
      for (const row of filled.unmatched) result.answersReport.push(`  ${row.studentId ?? '(no student id)'}: ${row.file}`);
    }
  }
  return result;
}
