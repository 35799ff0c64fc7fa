import type { Task } from '@vbem/model';

/** What finishes a stop task: ends the session and says how it went. */
export type FinishStop = (time: number) => { success: boolean; message: string };

interface StopTask {
  entry: Omit<Task, 'Href' | 'Links'>;
  /** How many more answers show the task Running before it finishes. */
  runningAnswersLeft: number;
  finish: FinishStop | undefined;
}

/**
 * The asynchronous tasks that `POST …?action=stop` creates, for `GET /tasks/{id}`. A task shows
 * Running for its first `runningAnswers` answers (the 202 included), then finishes at the clock
 * reading of the next one, as EM's task finishes some time after the request.
 */
export class StopTasks {
  private readonly tasks = new Map<string, StopTask>();
  private created = 0;

  constructor(private readonly runningAnswers: number) {}

  /** A stop task that finishes, by `finish`, after `runningAnswers` answers show it Running. */
  add(finish: FinishStop): string {
    const taskId = `task-${++this.created}`;
    this.tasks.set(taskId, {
      entry: { Type: 'Task', TaskId: taskId, State: 'Running', Operation: 'StopJobSession' },
      runningAnswersLeft: this.runningAnswers,
      finish,
    });
    return taskId;
  }

  /** A stop task that is Finished from the start (a session that is not running). */
  addFinished(message: string, success: boolean): string {
    const taskId = `task-${++this.created}`;
    this.tasks.set(taskId, {
      entry: {
        Type: 'Task',
        TaskId: taskId,
        State: 'Finished',
        Operation: 'StopJobSession',
        Result: { Success: success, Message: message },
      },
      runningAnswersLeft: 0,
      finish: undefined,
    });
    return taskId;
  }

  /** Removes a task, and finishes its stop first (EM stops the session whatever becomes of the task); false when there is none of that id. */
  delete(taskId: string, time: number): boolean {
    const task = this.tasks.get(taskId);
    if (!task) return false;
    task.finish?.(time);
    return this.tasks.delete(taskId);
  }

  /** The task as answered at clock `time`: each answer counts, and may finish it. */
  answer(taskId: string, apiBase: string, time: number): Task | undefined {
    const task = this.tasks.get(taskId);
    if (!task) return undefined;
    let { entry } = task;
    if (task.runningAnswersLeft > 0) task.runningAnswersLeft--;
    else if (task.finish) {
      const { success, message } = task.finish(time);
      task.finish = undefined;
      entry = { ...entry, State: 'Finished', Result: { Success: success, Message: message } };
      task.entry = entry;
    }
    const href = `${apiBase}tasks/${taskId}`;
    return { ...entry, Href: href, Links: [{ Href: href, Type: 'Task', Rel: 'Delete' }] };
  }
}
