import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

describe('the README example', () => {
  it('is the file the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(
      new URL('../examples/session-summary.ts', import.meta.url),
      'utf8',
    );
    expect(readme).toContain(example.trim());
  });

  it('runs and prints what the README says', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { summary } = await import('../examples/session-summary.js');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
    expect(summary).toEqual({
      id: 'a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6',
      running: false,
      seconds: 165.11,
      tasks:
        'https://em.example:9398/api/backupSessions/a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6/taskSessions',
      job: 'https://em.example:9398/api/jobs/2b078668-e45d-4eb3-abb0-275b0d130e7e?format=Entity',
      xmlOrder:
        'Links JobUid JobName JobType CreationTimeUTC EndTimeUTC State Result Progress FailureMessage IsRetry',
    });
  });
});
