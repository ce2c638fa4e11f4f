/** Finding the columns of a submission-times CSV by their header names, in Japanese or English. */

export interface SubmissionTimeColumns {
  studentId: number | null;
  fileName: number | null;
  /** Optional: the student's name as the LMS lists it (used only for a file whose name gives none). */
  name: number | null;
  submittedAt: number;
}

/** Header names by role, most specific first; compared after NFKC, lower-casing and trimming. */
export const COLUMN_NAMES = {
  studentId: ['学籍番号', 'student_id', 'studentid', 'student id', 'ユーザid', 'ユーザーid', 'user_id', 'username', 'id'],
  fileName: ['ファイル名', 'filename', 'file_name', 'file', 'report/answer', 'answer'],
  name: ['氏名', '名前', 'name', 'realname', 'full_name'],
  submittedAt: ['提出日時', 'submitted_at', 'submittedat', 'answer_datetime', '回答日時', 'datetime', '日時'],
} as const;

export function normaliseHeader(header: string): string {
  return header.normalize('NFKC').trim().toLowerCase();
}

/** Throws a plain Error naming the headers found when no datetime column, or no key column, is present. */
export function findColumns(headers: readonly string[]): SubmissionTimeColumns {
  const normalised = headers.map(normaliseHeader);
  const find = (names: readonly string[]): number | null => {
    for (const name of names) {
      const at = normalised.indexOf(name);
      if (at >= 0) return at;
    }
    return null;
  };
  const submittedAt = find(COLUMN_NAMES.submittedAt);
  const studentId = find(COLUMN_NAMES.studentId);
  const fileName = find(COLUMN_NAMES.fileName);
  const found = `found: ${headers.map((h) => JSON.stringify(h)).join(', ') || 'no header'}`;
  if (submittedAt === null) {
    throw new Error(`no date-time column (one of ${COLUMN_NAMES.submittedAt.join(', ')}); ${found}`);
  }
  if (studentId === null && fileName === null) {
    throw new Error(
      `no student id or file name column (one of ${[...COLUMN_NAMES.studentId, ...COLUMN_NAMES.fileName].join(', ')}); ${found}`,
    );
  }
  return { studentId, fileName, name: find(COLUMN_NAMES.name), submittedAt };
}
