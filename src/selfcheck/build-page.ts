/**
 * `grade selfcheck-page`: the student self-check page as ONE self-contained HTML file. The rubric (as
 * parsed YAML), its expected values (computed here, once, as `grade` computes them), the template, the
 * tree-sitter .wasm and the bundled script all travel inside it; the page fetches nothing and works from
 * file://, as an LMS attachment or from any static host, offline.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { bundleSelfcheckPage } from '../browser/bundle-core.js';
import { readTemplate } from '../integrity/index.js';
import { loadRubric } from '../rubric/load.js';
import { resolveRubricExpected } from '../rubric/resolve-expected.js';
import { jsonForScript, pageHtml } from './page-html.js';
import type { PageData } from './page/main.js';

/** The time zone the CLI reads times in by default (only the notebook's own integrity facts use it). */
const TZ = 'Asia/Tokyo';

const installed = (specifier: string): string => fileURLToPath(import.meta.resolve(specifier));

async function packageVersion(): Promise<string> {
  const json = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return json.version ?? '';
}

export interface SelfcheckPage {
  html: string;
  /** Size of the file in bytes (UTF-8). */
  bytes: number;
}

export async function buildSelfcheckPage(rubricFile: string): Promise<SelfcheckPage> {
  const rubric = await loadRubric(rubricFile);
  const [text, expected, template, runtime, grammar, script, version] = await Promise.all([
    readFile(rubricFile, 'utf8'),
    resolveRubricExpected(rubric),
    readTemplate(rubric.file, rubric.template),
    readFile(installed('web-tree-sitter/web-tree-sitter.wasm')),
    readFile(installed('tree-sitter-python/tree-sitter-python.wasm')),
    bundleSelfcheckPage(),
    packageVersion(),
  ]);
  const data: PageData = {
    assignment: rubric.assignment,
    setup: { rubric: parseYaml(text) as unknown, rubricFile: basename(rubricFile), expected, template, tz: TZ },
    wasm: { runtime: runtime.toString('base64'), grammar: grammar.toString('base64') },
  };
  const html = pageHtml({ courseTitle: rubric.title, assignment: rubric.assignment, script, data: jsonForScript(data), version });
  return { html, bytes: Buffer.byteLength(html, 'utf8') };
}

export async function writeSelfcheckPage(rubricFile: string, out: string): Promise<SelfcheckPage> {
  const page = await buildSelfcheckPage(rubricFile);
  await writeFile(out, page.html, 'utf8');
  return page;
}
