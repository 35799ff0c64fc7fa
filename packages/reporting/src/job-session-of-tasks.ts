import { ownString } from '@vbem/model';
import type { JobAggregate } from './job-aggregate.js';
import type { ReportJobSession } from './report-input.js';
import { endMsOf } from './session-end.js';

/**
 * What the task sessions of a job session in the window need of it: its job, and its end and
 * failure message as of `now`, for its tasks that never ran (see taskOfFinishedSession). One per
 * job session given with task sessions; the message is copied only for a finished session that
 * has one (a slice would keep its response page alive).
 */
export class JobSessionOfTasks {
  /** endMsOf the session: +Infinity while it runs. */
  endMs = Number.POSITIVE_INFINITY;
  failureMessage = '';

  constructor(
    readonly job: JobAggregate,
    session: ReportJobSession | null,
  ) {
    if (session !== null) this.takeEnd(session);
  }

  /** Takes the end and message of the session, or of its finished copy after a running one. */
  takeEnd(session: ReportJobSession): void {
    this.endMs = endMsOf(session);
    const message = session.FailureMessage;
    this.failureMessage =
      this.endMs !== Number.POSITIVE_INFINITY &&
      typeof message === 'string' &&
      message.trim() !== ''
        ? ownString(message)
        : '';
  }
}
