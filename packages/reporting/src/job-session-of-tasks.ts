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
  /** The session finished Failed or with a Warning: its message may be a reason of its job. */
  isFailedOrWarning = false;
  /** A task session of it gave a failure reason: its own message then counts as no job reason. */
  hasTaskReason = false;

  constructor(
    readonly job: JobAggregate,
    session: ReportJobSession | null,
  ) {
    if (session !== null) this.takeEnd(session);
  }

  /** The session's message when it is a reason of its job: see JobReport.failureReasons. */
  get jobReason(): string {
    return this.isFailedOrWarning && !this.hasTaskReason ? this.failureMessage : '';
  }

  /** Takes the end and message of the session, or of its finished copy after a running one. */
  takeEnd(session: ReportJobSession): void {
    this.endMs = endMsOf(session);
    this.isFailedOrWarning =
      this.endMs !== Number.POSITIVE_INFINITY &&
      (session.Result === 'Failed' || session.Result === 'Warning');
    const message = session.FailureMessage;
    this.failureMessage =
      this.endMs !== Number.POSITIVE_INFINITY &&
      typeof message === 'string' &&
      message.trim() !== ''
        ? ownString(message)
        : '';
  }
}
