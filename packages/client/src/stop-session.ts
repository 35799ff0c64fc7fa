import type { Task } from '@vbem/model';
import { bodyOf } from './body-of.js';
import type { EmConnection } from './em-connection.js';
import { requestInfo } from './errors/request-info.js';
import { TaskFailedError } from './errors/task-failed-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { checkOptionKeys } from './option-keys.js';
import { millis } from './resolved-options.js';
import { checkSignalOption } from './signal-option.js';

export interface StopSessionOptions {
  readonly signal?: AbortSignal | undefined;
  /** Between two polls of the task (default 1 s, at least 10 ms). */
  readonly pollIntervalMs?: number | undefined;
  /** Longest wait for the task to finish (default 5 min, at least 1 ms). */
  readonly timeoutMs?: number | undefined;
}

// A record, so that the compiler says when an option is added to StopSessionOptions and not here.
const STOP_SESSION_OPTIONS = Object.keys({
  signal: true,
  pollIntervalMs: true,
  timeoutMs: true,
} satisfies Record<keyof StopSessionOptions, true>);

/**
 * `POST …?action=stop` answers 202 with a Task; the stop is done when the task is `Finished`,
 * and failed (TaskFailedError) when its result says so. The POST is never retried (stopping twice
 * is not harmless to reason about); the polls are.
 */
export async function stopAndWait(
  connection: EmConnection,
  sessionUrl: string,
  options: StopSessionOptions,
): Promise<Task> {
  checkOptionKeys(options, STOP_SESSION_OPTIONS, 'stopSession()');
  checkSignalOption(options.signal, 'stopSession().signal');
  // Checked before the stop is sent: 0 or NaN would poll EM as fast as it answers, or wait forever.
  const interval = millis('pollIntervalMs', options.pollIntervalMs, 1000, 10);
  const limit = millis('timeoutMs', options.timeoutMs, 300_000, 1);
  const started = Date.now();
  // The stop and its polls are one call: the client's deadline bounds them together.
  const { deadline } = connection.options;
  const deadlineAt = deadline === undefined ? undefined : started + deadline;
  const stopUrl = `${sessionUrl}?action=stop`;
  const answer = await connection.send({
    method: 'POST',
    url: stopUrl,
    root: 'Task',
    credentials: 'session',
    idempotent: false,
    signal: options.signal,
    deadlineAt,
  });
  // The errors below name the request last sent: the stop, or the last poll of its task.
  let lastSent = requestInfo('POST', stopUrl);
  let task = bodyOf(answer, lastSent).value;
  while (task.State !== 'Finished') {
    if (Date.now() - started > limit) {
      throw new TimeoutError(`the stop task ${task.TaskId} did not finish within ${limit} ms`, {
        request: lastSent,
      });
    }
    if (deadlineAt !== undefined && Date.now() + interval >= deadlineAt) {
      throw new TimeoutError(
        `the stop task ${task.TaskId} did not finish within the call's deadline (${deadline} ms)`,
        { request: lastSent },
      );
    }
    // Stopped early, the poll below fails at once with the abort's or the close's error.
    await connection.pause(interval, options.signal);
    const pollUrl = connection.resolve(task.Href);
    const polled = await connection.send({
      method: 'GET',
      url: pollUrl,
      root: 'Task',
      credentials: 'session',
      idempotent: true,
      signal: options.signal,
      deadlineAt,
    });
    lastSent = requestInfo('GET', pollUrl);
    task = bodyOf(polled, lastSent).value;
  }
  // EM finishes the task of a stop it refuses (a session no longer running) with Success false.
  if (task.Result?.Success === false) {
    // EM's words, as any text from the server, without the client's secrets.
    const said =
      task.Result.Message === undefined ? undefined : connection.scrub(task.Result.Message);
    const shown = {
      ...task,
      Result: { ...task.Result, ...(said === undefined ? {} : { Message: said }) },
    };
    throw new TaskFailedError(
      `EM did not stop the session: ${said?.trim() ? quoted(said.trim()) : `task ${task.TaskId} finished without success`}`,
      shown,
      { request: lastSent },
    );
  }
  return task;
}

/** EM's message for an error, on one line and at most 200 characters. */
function quoted(message: string): string {
  const line = message.replace(/\s+/g, ' ');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
