/**
 * Integrity checks: per notebook (where it is graded) the stale-output and provenance findings and the
 * facts for copy detection; per batch (in the main thread) the copy clusters. Flags for a human only:
 * nothing here changes a score.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RubricError } from '../core/errors.js';
import type { TemplateSource } from '../core/integrity/analyse.js';
import type { CopyCluster, IntegritySettings } from '../types.js';
import { buildClusters } from './clusters.js';
import { accountPairs, codePairs, imagePairs, logPairs, MIN_CODE_SIMILARITY, MIN_SHARED_FINGERPRINTS, type Member } from './copies.js';
import { K, WINDOW } from '../core/integrity/winnow.js';

export type { Member } from './copies.js';

/** Reads the rubric's `template` (relative to the rubric file); null when the rubric names none. */
export async function readTemplate(rubricFile: string, template: string | undefined): Promise<TemplateSource | null> {
  if (!template) return null;
  const path = resolve(dirname(rubricFile), template);
  try {
    return { name: template, text: await readFile(path, 'utf8') };
  } catch (error) {
    throw new RubricError(rubricFile, [`template: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
}

/** Fingerprints, images and accounts held by more notebooks than this are the class's common ground. */
export function commonLimit(graded: number): number {
  return Math.max(10, Math.ceil(graded / 5));
}

export function integritySettings(template: string | null, graded: number): IntegritySettings {
  return {
    template,
    k: K,
    window: WINDOW,
    minSharedFingerprints: MIN_SHARED_FINGERPRINTS,
    minCodeSimilarity: MIN_CODE_SIMILARITY,
    commonLimit: commonLimit(graded),
  };
}

/** Copy clusters among the graded notebooks (one per student; a student's earlier uploads are not compared). */
export function detectCopies(members: readonly Member[]): CopyCluster[] {
  const limit = commonLimit(members.length);
  const pairs = [...logPairs(members), ...codePairs(members, limit), ...imagePairs(members, limit), ...accountPairs(members)];
  return buildClusters(members, pairs);
}
