/**
 * The integrity work of one notebook, where it is graded: its stale-output and provenance findings and
 * its facts for copy detection (compared across the class by the Node shell's src/integrity/).
 */
import type { Evidence, Notebook, StudentModel } from '../../types.js';
import { loadPythonParser } from '../python/tree-sitter.js';
import { notebookFacts, type NotebookFacts } from './facts.js';
import { provenanceFindings, type ProvenanceContext } from './provenance.js';
import { staleOutputFindings, type LocalFinding } from './stale.js';
import { buildTemplate, EMPTY_TEMPLATE, type Template } from './template.js';

/** The template as text, to be built once per thread (the build needs the Python parser). */
export interface TemplateSource {
  name: string;
  text: string;
}

const built = new Map<string, Promise<Template>>();

export function templateFor(source: TemplateSource | null): Promise<Template> {
  if (!source) return Promise.resolve(EMPTY_TEMPLATE);
  const key = `${source.name}\u0000${source.text}`;
  let template = built.get(key);
  if (!template) {
    template = loadPythonParser().then((parser) => buildTemplate(parser, source.name, source.text));
    built.set(key, template);
  }
  return template;
}

export interface NotebookIntegrity {
  facts: NotebookFacts;
  findings: LocalFinding[];
}

export async function analyseNotebook(
  input: { notebook: Notebook; evidence: Evidence; studentModel: StudentModel | null },
  template: TemplateSource | null,
  context: ProvenanceContext,
): Promise<NotebookIntegrity> {
  const [parser, tpl] = await Promise.all([loadPythonParser(), templateFor(template)]);
  const facts = notebookFacts(input.notebook, input.evidence, tpl, parser);
  const findings = [
    ...staleOutputFindings(input.notebook, input.evidence, input.studentModel),
    ...provenanceFindings(input.notebook, facts, context),
  ];
  return { facts, findings };
}

