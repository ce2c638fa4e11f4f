/** The ingest stage: files → identities → submission times → one submission per student. */
export { discoverFiles, type DiscoverOptions } from './discover.js';
export { DEFAULT_READ_LIMITS, isSystemPath, SYSTEM_FILE_PROBLEM, type ReadLimits } from './file-kinds.js';
export { DEFAULT_STUDENT_ID_PATTERN, parseIdentity, type IdentityFlag, type IdentityOptions } from './identity.js';
export {
  readSubmissionTimes,
  resolveSubmissionTime,
  type ResolvedTime,
  type SubmissionTimeLookup,
  type SubmissionTimeRecord,
} from './submission-times.js';
export { COLUMN_NAMES } from './csv-columns.js';
export { formatInZone, isLate, parseDeadline } from './deadline.js';
export { parseWallClock, type WallClockTime } from './wall-clock.js';
export { selectSubmissions, type Selection, type SelectionItem, type SelectionStatus } from './select.js';
