import { VbemError } from './vbem-error.js';

/** EM JSON that does not fit the model: wrong type, missing required value, bad date, two members of a choice. No partial value is returned. */
export class JsonDecodeError extends VbemError {
  override readonly name = 'JsonDecodeError';

  constructor(
    readonly code: 'unexpected-root' | 'invalid-value' | 'invalid-structure' | 'invalid-option',
    readonly reason: string,
    /** Where in the document: `/Entities/BackupJobSessions/BackupJobSessions/3/CreationTimeUTC`. */
    readonly path: string,
  ) {
    super(`${reason} (${path || '/'})`);
  }
}
