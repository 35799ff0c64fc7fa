import { findLink } from '@vbem/model';
import type { ReportJobSession } from './report-input.js';

const BACKUP_SERVER_LINK = { rel: 'Up', type: 'BackupServerReference' } as const;

/**
 * The Name of a session's Up link to its backup server, as given: undefined without one, and from
 * JavaScript maybe no string (see job-aggregate.ts and input-problems.ts, which check it).
 */
export const backupServerLinkNameOf = (session: Pick<ReportJobSession, 'Links'>): unknown =>
  findLink(session, BACKUP_SERVER_LINK)?.Name;
