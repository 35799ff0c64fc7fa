import type { Task } from '@vbem/model';

/** The asynchronous tasks that `POST …?action=stop` creates, for `GET /tasks/{id}`. */
export class StopTasks {
  private readonly tasks = new Map<string, Omit<Task, 'Href' | 'Links'>>();
  private created = 0;

  add(message: string, success: boolean): string {
    const taskId = `task-${++this.created}`;
    this.tasks.set(taskId, {
      Type: 'Task',
      TaskId: taskId,
      State: 'Finished',
      Operation: 'StopJobSession',
      Result: { Success: success, Message: message },
    });
    return taskId;
  }

  /** Removes a task; false when there is none of that id. */
  delete(taskId: string): boolean {
    return this.tasks.delete(taskId);
  }

  get(taskId: string, apiBase: string): Task | undefined {
    const task = this.tasks.get(taskId);
    if (!task) return undefined;
    const href = `${apiBase}tasks/${taskId}`;
    return { ...task, Href: href, Links: [{ Href: href, Type: 'Task', Rel: 'Delete' }] };
  }
}
