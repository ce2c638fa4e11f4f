/**
 * Integrity results: flags for a human, never points. `GradeRun.integrity` carries them to the CSV
 * (row flags), the results JSON and the review report. Only types live here.
 */
import type { Location } from '../types.js';

/** What two or more submissions share that independent work would not. */
export type CopyKind = 'training-log' | 'code' | 'image' | 'colab-user';

/** Per-submission findings on stale, edited or borrowed outputs. */
export type IntegrityFlag =
  | 'summary-mismatch'
  | 'epochs-mismatch'
  | 'execution-out-of-order'
  | 'impossible-log-values'
  | 'executed-after-submission'
  | 'executed-after-deadline'
  | 'colab-user-mismatch'
  | 'colab-multiple-users'
  | 'invalid-utf8';

export interface IntegrityFinding {
  /** The row's `file` (display path). */
  file: string;
  studentId: string | null;
  flag: IntegrityFlag;
  /** One English sentence with the numbers and cells (1-based, as a person counts). */
  evidence: string;
  at?: Location;
}

export interface ClusterMember {
  studentId: string | null;
  name: string | null;
  file: string;
}

export interface CopyPair {
  /** Files (display paths) of the two members, a < b byte-wise. */
  a: string;
  b: string;
  /** 0..1, rounded to 3 decimals. */
  similarity: number;
  evidence: string[];
}

export interface CopyCluster {
  /** `copy-1`, `copy-2`, … in order of kind, then first member. */
  id: string;
  kind: CopyKind;
  /** Sorted by student id, then file. */
  members: ClusterMember[];
  /** The highest pair similarity in the cluster, 0..1 (3 decimals). */
  similarity: number;
  /** A summary line, then the pairs' evidence. */
  evidence: string[];
  /** Every linked pair, strongest first. */
  pairs: CopyPair[];
}

export interface IntegrityResult {
  /** Groups of graded submissions that share work; each member's row is flagged `suspected-copy`. */
  clusters: CopyCluster[];
  /** Stale or edited outputs and Colab metadata, per submission; each flag is also on the row. */
  findings: IntegrityFinding[];
  /** The settings used, so that a report can say what was compared. */
  settings: IntegritySettings;
}

export interface IntegritySettings {
  /** The rubric's template (the lecture's code) whose fingerprints were removed; null when none. */
  template: string | null;
  /** Tokens per k-gram and the winnowing window. */
  k: number;
  window: number;
  /** A code pair is reported from this many shared fingerprints and this similarity on. */
  minSharedFingerprints: number;
  minCodeSimilarity: number;
  /** Fingerprints, images and Colab users seen in more than this many notebooks are treated as common. */
  commonLimit: number;
}
