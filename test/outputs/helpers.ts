/** Builds cells from the verbatim fixtures in fixtures/outputs/ (stored JSON values of real notebooks). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { convertOutputs } from '../../src/core/notebook/cells.js';
import { joinMultiline } from '../../src/core/notebook/clean-text.js';
import type { NotebookCell } from '../../src/types.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/outputs/', import.meta.url));

/** The stored value of a fixture: a string or a list of strings for .json, the text for .txt. */
export function fixtureValue(name: string): string | string[] {
  const text = readFileSync(FIXTURES + name, 'utf8');
  return name.endsWith('.json') ? (JSON.parse(text) as string | string[]) : text;
}

export function fixtureText(name: string): string {
  return joinMultiline(fixtureValue(name));
}

export type RawOutput = Record<string, unknown>;

export function stream(text: string | string[], name: 'stdout' | 'stderr' = 'stdout'): RawOutput {
  return { output_type: 'stream', name, text };
}

export function display(plain: string | string[] | undefined, html?: string | string[], extra: Record<string, unknown> = {}): RawOutput {
  const data: Record<string, unknown> = { ...extra };
  if (plain !== undefined) data['text/plain'] = plain;
  if (html !== undefined) data['text/html'] = html;
  return { output_type: 'display_data', data, metadata: {} };
}

export function result(plain: string | string[]): RawOutput {
  return { output_type: 'execute_result', data: { 'text/plain': plain }, execution_count: 1, metadata: {} };
}

/** A code cell whose outputs go through the notebook stage's conversion (stream joining, cleaning). */
export function codeCell(outputs: RawOutput[], index = 0): NotebookCell {
  return { index, type: 'code', source: '', executionCount: 1, outputs: convertOutputs(outputs) };
}

export function stdoutCell(...fixtures: string[]): NotebookCell {
  return codeCell(fixtures.map((name) => stream(fixtureValue(name))));
}
