/** Validate a rubric (parsed YAML) strictly and resolve every criterion's check and options. Pure: src/rubric/load.ts reads the file. */
import type { z } from 'zod';
import { checks } from '../checks/index.js';
import type { Check } from '../checks/define-check.js';
import { RubricError } from '../errors.js';
import { rubricSchema, type Criterion, type Rubric } from './schema.js';
import { suggest } from './near-names.js';
import { withProps } from '../util/objects.js';

export interface ResolvedCriterion extends Criterion {
  run: Check;
  parsedOptions: unknown;
}

export interface LoadedRubric extends Omit<Rubric, 'criteria'> {
  file: string;
  criteria: ResolvedCriterion[];
}

const isMultiple = (value: number, step: number): boolean => Math.abs(value / step - Math.round(value / step)) < 1e-9;

/** Problems of the consequenceOf relations: unknown criteria or message ids, and cycles. */
function consequenceProblems(criteria: readonly ResolvedCriterion[]): string[] {
  const problems: string[] = [];
  const byId = new Map(criteria.map((c) => [c.id, c]));
  criteria.forEach((criterion, index) => {
    (criterion.consequenceOf ?? []).forEach((relation, r) => {
      const path = `criteria[${index}].consequenceOf[${r}]`;
      const cause = byId.get(relation.of);
      if (relation.of === criterion.id) problems.push(`${path}.of: a criterion cannot be the consequence of itself`);
      else if (!cause) problems.push(`${path}.of: unknown criterion "${relation.of}".${suggest(relation.of, [...byId.keys()])}`);
      for (const id of relation.when ?? []) {
        if (cause && !Object.hasOwn(cause.run.messages, id)) {
          problems.push(`${path}.when: "${id}" is not a message of check ${cause.run.id}.${suggest(id, Object.keys(cause.run.messages))}`);
        }
      }
      for (const id of relation.excuses) {
        if (!Object.hasOwn(criterion.run.messages, id)) {
          problems.push(`${path}.excuses: "${id}" is not a message of check ${criterion.run.id}.${suggest(id, Object.keys(criterion.run.messages))}`);
        }
      }
    });
  });
  return problems;
}

/**
 * Whether the consequenceOf relations are free of cycles, finding by finding: a criterion's message may be
 * excused by another criterion's messages, which may in turn be excused, but never back to itself (two
 * findings excusing each other would leave the mistake charged nowhere). Returns the cycle, if any.
 */
function consequenceCycle(criteria: readonly ResolvedCriterion[]): string[] | null {
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const edges = new Map<string, string[]>();
  for (const criterion of criteria) {
    for (const relation of criterion.consequenceOf ?? []) {
      const cause = byId.get(relation.of);
      if (!cause) continue;
      const causes = (relation.when ?? Object.keys(cause.run.messages)).map((id) => `${cause.id}.${id}`);
      for (const id of relation.excuses) edges.set(`${criterion.id}.${id}`, [...(edges.get(`${criterion.id}.${id}`) ?? []), ...causes]);
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

/** `criteria[3].options.units` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function describeIssues(issues: z.core.$ZodIssue[], prefix: readonly PropertyKey[], knownKeys: (path: PropertyKey[]) => string[]): string[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys
        .map((key) => `${formatPath([...path, key])}: unknown key.${suggest(key, knownKeys(path))}`)
        .join('\n  ');
    }
    return `${formatPath(path) || '(top level)'}: ${issue.message}`;
  });
}

function shapeKeys(schema: z.ZodType, path: PropertyKey[]): string[] {
  let node: unknown = schema;
  for (const part of path) {
    const def = (node as { def?: { shape?: Record<string, unknown>; element?: unknown; innerType?: unknown } }).def;
    node = typeof part === 'number' ? def?.element : (def?.shape?.[String(part)] ?? def?.innerType);
  }
  const inner = (node as { def?: { shape?: Record<string, unknown>; innerType?: { def?: { shape?: Record<string, unknown> } } } }).def;
  return Object.keys(inner?.shape ?? inner?.innerType?.def?.shape ?? {});
}

export function validateRubric(data: unknown, file: string): LoadedRubric {
  const parsed = rubricSchema.safeParse(data);
  if (!parsed.success) {
    throw new RubricError(file, describeIssues(parsed.error.issues, [], (p) => shapeKeys(rubricSchema, p)));
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const criteria: ResolvedCriterion[] = [];
  parsed.data.criteria.forEach((criterion, index) => {
    if (seen.has(criterion.id)) problems.push(`criteria[${index}].id: duplicate id "${criterion.id}"`);
    seen.add(criterion.id);
    const check = checks[criterion.check];
    if (!check) {
      problems.push(`criteria[${index}].check: unknown check "${criterion.check}".${suggest(criterion.check, Object.keys(checks))}`);
      return;
    }
    const options = check.options.safeParse(criterion.options ?? {});
    if (!options.success) {
      problems.push(...describeIssues(options.error.issues, ['criteria', index, 'options'], (p) => shapeKeys(check.options, p.slice(3))));
      return;
    }
    criteria.push(withProps(criterion, { run: check, parsedOptions: options.data }));
  });
  const { reference, accuracy } = parsed.data;
  if (accuracy !== undefined && reference === undefined) problems.push('accuracy: needs `reference`, the file `grade reference` writes');
  parsed.data.criteria.forEach((criterion, index) => {
    if (criterion.check === 'accuracy-threshold' && accuracy === undefined) {
      problems.push(`criteria[${index}].check: accuracy-threshold needs the rubric's \`reference\` file and \`accuracy\` rule`);
    }
  });
  parsed.data.criteria.forEach((criterion, index) => {
    if (!isMultiple(criterion.points, parsed.data.pointStep)) problems.push(`criteria[${index}].points: ${criterion.points} is not a multiple of pointStep ${parsed.data.pointStep}`);
  });
  if (problems.length > 0) throw new RubricError(file, problems);
  problems.push(...consequenceProblems(criteria));
  const cycle = problems.length === 0 ? consequenceCycle(criteria) : null;
  if (cycle) problems.push(`consequenceOf: findings excuse each other in a cycle (${cycle.join(' ← ')}): the mistake would be charged nowhere`);
  if (problems.length > 0) throw new RubricError(file, problems);
  return withProps(parsed.data, { file, criteria });
}
