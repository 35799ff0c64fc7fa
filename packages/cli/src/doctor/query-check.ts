import { type EmClient, TimeoutError } from '@vbem/client';
import { describeError } from '../describe-error.js';
import type { CheckResult } from './checklist.js';

/** `vbem sessions`' default window, which the Query check counts the backup-family sessions of. */
const WINDOW = '24h';
const WINDOW_MS = 86_400_000;

/** Said when EM's own error says nothing of what to do. */
const QUERY_HINT =
  "EM's query service (GET /api/query) failed: sessions, tasks, report and check read every session through it; see the Enterprise Manager REST API service's log on the EM server";

/**
 * The first page of a `vbem sessions` crawl of the backup-family sessions (backup, copy, agent…
 * jobs: EM's BackupJobSession) of the last 24 hours, one session a page: the query, filter, sort
 * and decoding the data commands use. With one session a page, the page count is the number of
 * sessions. Reading stops there; the crawl may have sent the second page's request ahead, which is
 * then aborted (one more small query for EM).
 */
export async function checkQuery(client: EmClient, now: Date): Promise<CheckResult> {
  const crawl = client.sessions({
    types: ['Backup'],
    since: new Date(now.getTime() - WINDOW_MS),
    until: now,
    // One slice for the window: no counting query before the page.
    sliceBy: WINDOW,
    pageSize: 1,
    concurrency: 1,
  });
  let sessions = 0;
  for await (const page of crawl.pages()) {
    sessions = page.items.length === 0 ? 0 : page.pagesCount;
    break;
  }
  return {
    status: 'pass',
    message: `the query service answered: ${sessions} session${sessions === 1 ? '' : 's'} of backup-family jobs (BackupJobSession) in the last 24 hours`,
  };
}

/** Said when the query got no answer in time: a larger --timeout would only make it wait longer. */
const QUERY_TIMEOUT_HINT =
  "EM's query service (GET /api/query) did not answer within --timeout, after the logon and the job list did: EM is overloaded or its query service is stuck; see the Enterprise Manager REST API service's log on the EM server";

/** The Query check's failure, with describeError's hint where it has one. */
export function queryFailure(error: unknown): CheckResult {
  const described = describeError(error, 'doctor');
  // Through a proxy, the proxy may be what stalls: describeError's hint names it.
  const timedOut = error instanceof TimeoutError && error.proxy === undefined;
  return {
    status: 'fail',
    message: described.line,
    hint: timedOut ? QUERY_TIMEOUT_HINT : (described.hint ?? QUERY_HINT),
  };
}
