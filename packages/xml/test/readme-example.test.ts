import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

describe('the README example', () => {
  it('is the file the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(
      new URL('../examples/failed-sessions.ts', import.meta.url),
      'utf8',
    );
    expect(readme).toContain(example.trim());
  });

  it('prints what the README says', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { lines, warningCount, again } = await import('../examples/failed-sessions.js');
    log.mockRestore();
    expect(lines).toEqual([
      'SQL Backup: Failed, 334.44 s, running: false',
      'refused: malformed at line 9',
    ]);
    expect(warningCount).toBe(0);
    expect(again).toMatch(
      /^<BackupJobSession xmlns="http:\/\/www\.veeam\.com\/ent\/v1\.0" Href=.*<IsRetry>false<\/IsRetry><\/BackupJobSession>$/,
    );
  });
});
