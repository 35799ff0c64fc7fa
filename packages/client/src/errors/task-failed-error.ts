import type { Task } from '@vbem/model';
import { ClientError, type ClientErrorOptions } from './client-error.js';

/** An EM task (a session stop) finished, but its result says it did not succeed; `task` is EM's answer. */
export class TaskFailedError extends ClientError {
  override readonly name = 'TaskFailedError';

  constructor(
    message: string,
    readonly task: Task,
    options: ClientErrorOptions = {},
  ) {
    super(message, options);
  }

  protected override details(): Record<string, unknown> {
    return {
      taskId: this.task.TaskId,
      operation: this.task.Operation,
      emMessage: this.task.Result?.Message,
    };
  }
}
