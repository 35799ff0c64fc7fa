import { describe, expect, it } from 'vitest';
import {
  type BackupJobSession,
  type FromJsonOptions,
  findLink,
  findLinks,
  formatEmDateTime,
  fromJson,
  type HasLinks,
  hrefOfUid,
  type JsonCasing,
  type LinkQuery,
  type ToJsonOptions,
  toJson,
} from '../src/index.js';

// Options as a caller often holds them: read from a config, each possibly undefined. Compiled
// with exactOptionalPropertyTypes (tsconfig.test.json), so passing them on must type-check.
interface Config {
  readonly casing?: JsonCasing | undefined;
  readonly microseconds?: boolean | undefined;
  readonly rel?: string | undefined;
  readonly type?: string | undefined;
  readonly format?: 'Entity' | undefined;
  readonly maxWarnings?: number | undefined;
}
const cfg: Config = {};

const session: BackupJobSession = {
  Href: 'https://em/api/backupSessions/1?format=Entity',
  Type: 'BackupJobSession',
  Name: 'Job@2026-06-16 06:33:10.659',
  UID: 'urn:veeam:BackupJobSession:1',
  Links: [
    { Href: 'https://em/api/backupServers/1', Type: 'BackupServerReference', Rel: 'Up' },
    { Href: 'https://em/api/jobs/2', Name: 'Job', Type: 'JobReference', Rel: 'Up' },
  ],
  JobUid: 'urn:veeam:Job:2',
  JobName: 'Job',
  JobType: 'Backup',
  CreationTimeUTC: new Date('2026-06-16T06:33:10.659Z'),
  State: 'Working',
  Result: 'Success',
  Progress: 40,
  IsRetry: false,
};

describe('options given as undefined are not given', () => {
  it('toJson writes PascalCase keys and millisecond dates, as without options', () => {
    const options: ToJsonOptions = { casing: cfg.casing, microseconds: cfg.microseconds };
    const json = toJson('BackupJobSession', session, options);
    expect(json).toEqual(toJson('BackupJobSession', session));
    expect(json.CreationTimeUTC).toBe('2026-06-16T06:33:10.659Z');
    expect(json).toHaveProperty('JobName', 'Job');
  });

  it('fromJson keeps its default limit of warnings, as without options', () => {
    const json = { ...toJson('BackupJobSession', session), ProxyName: 'p' };
    const options: FromJsonOptions = { maxWarnings: cfg.maxWarnings };
    expect(fromJson('BackupJobSession', json, options)).toEqual(fromJson('BackupJobSession', json));
    expect(fromJson('BackupJobSession', json, options).warnings).toHaveLength(1);
  });

  it('findLinks and findLink match every link, as without a query', () => {
    const resource: HasLinks = session;
    const query: LinkQuery = { rel: cfg.rel, type: cfg.type };
    expect(findLinks(resource, query)).toHaveLength(2);
    expect(findLinks(resource, query)).toEqual(findLinks(resource));
    expect(findLink(resource, query)).toBe(session.Links[0]);
  });

  it('formatEmDateTime trims the fraction, as without options', () => {
    const date = new Date('2026-06-16T06:33:10.650Z');
    expect(formatEmDateTime(date, { microseconds: cfg.microseconds })).toBe(
      '2026-06-16T06:33:10.65Z',
    );
  });

  it('hrefOfUid asks for the reference, as without options', () => {
    const href = hrefOfUid('https://em:9398/api', session.UID, { format: cfg.format });
    expect(href).toBe('https://em:9398/api/backupSessions/1');
    expect(href).toBe(hrefOfUid('https://em:9398/api', session.UID));
  });
});
