import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

describe('the README example', () => {
  it('is the file the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/weekly-report.ts', import.meta.url), 'utf8');
    expect(readme).toContain(example.trim());
    const fromEm = readFileSync(new URL('../examples/report-from-em.ts', import.meta.url), 'utf8');
    expect(readme).toContain(fromEm.trim());
  });

  it('folds the retry into one run and flags the failing job', async () => {
    const lines: string[] = [];
    const log = vi
      .spyOn(console, 'log')
      .mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    const { markdown } = await import('../examples/weekly-report.js');
    log.mockRestore();
    expect(lines[0]).toMatch(/^SQL Backup: critical, 3 runs in 4 attempts, /);
    expect(markdown).toContain('SQL Backup');
  });

  it('crawls an EM for what a report needs, and reports on it', async () => {
    const lines: string[] = [];
    const log = vi
      .spyOn(console, 'log')
      .mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      const { report } = await import('../examples/report-from-em.js');
      expect(report.jobs.length).toBeGreaterThan(0);
      expect(report.vms.length).toBeGreaterThan(0);
      expect(lines.join('\n')).toContain(report.jobs[0]?.jobName);
    } finally {
      log.mockRestore();
    }
  }, 60_000);
});
