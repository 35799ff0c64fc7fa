import { describe, expect, it } from 'vitest';
import { crawlWindow } from '../src/crawl-window.js';

const now = new Date('2026-11-20T08:00:00Z');

describe('crawlWindow', () => {
  it('crawls job sessions from the window start minus the RPO, task sessions from the window', () => {
    expect(crawlWindow({ since: '24h', rpo: '48h' }, now)).toEqual({
      since: new Date('2026-11-19T08:00:00Z'),
      sessionsSince: new Date('2026-11-17T08:00:00Z'),
      until: now,
    });
  });

  it('goes back by the largest RPO, the default or any job’s, and 24 h without one', () => {
    const from = new Date('2026-11-10T00:00:00Z');
    const to = new Date('2026-11-17T00:00:00Z');
    expect(
      crawlWindow(
        { from, to, rpo: { default: '1d', jobs: { 'SQL Backup': '3d', Files: '12h' } } },
        now,
      ),
    ).toEqual({ since: from, sessionsSince: new Date('2026-11-07T00:00:00Z'), until: to });
    expect(crawlWindow({ from, to, rpo: { default: '2d' } }, now).sessionsSince).toEqual(
      new Date('2026-11-08T00:00:00Z'),
    );
    expect(crawlWindow({}, now)).toEqual({
      since: new Date('2026-11-13T08:00:00Z'),
      sessionsSince: new Date('2026-11-12T08:00:00Z'),
      until: now,
    });
  });
});
