import { describe, expect, it } from 'vitest';
import { findLink, findLinks, type HasLinks } from '../src/index.js';

const session: HasLinks = {
  Links: [
    {
      Href: 'https://h/api/backupServers/1',
      Name: 'srv',
      Type: 'BackupServerReference',
      Rel: 'Up',
    },
    { Href: 'https://h/api/jobs/2', Name: 'Job', Type: 'JobReference', Rel: 'Up' },
    {
      Href: 'https://h/api/backupSessions/3/taskSessions',
      Type: 'BackupTaskSessionReferenceList',
      Rel: 'Down',
    },
    { Href: 'https://h/api/backupSessions/3?action=stop', Rel: 'Stop' },
  ],
};

describe('links', () => {
  it('finds by relation, by type, or both, in document order', () => {
    expect(findLinks(session, { rel: 'Up' }).map((link) => link.Type)).toEqual([
      'BackupServerReference',
      'JobReference',
    ]);
    expect(findLink(session, { rel: 'Up', type: 'JobReference' })?.Href).toBe(
      'https://h/api/jobs/2',
    );
    expect(findLink(session, { type: 'BackupTaskSessionReferenceList' })?.Rel).toBe('Down');
    expect(findLink(session, { rel: 'Stop' })?.Type).toBeUndefined();
  });

  it('matches exactly and returns nothing when nothing matches', () => {
    expect(findLink(session, { rel: 'up' })).toBeUndefined();
    expect(findLinks(session, { rel: 'Related' })).toEqual([]);
    expect(findLinks({ Links: [] }, {})).toEqual([]);
    expect(findLinks(session, {})).toHaveLength(4);
  });

  it('names itself in a TypeError for what is no EM resource (a JavaScript caller)', () => {
    expect(() => findLink({} as never)).toThrow(
      new TypeError('findLink: expected an EM resource with a Links array, got none'),
    );
    expect(() => findLinks(null as never)).toThrow(/^findLinks: expected an EM resource/);
    expect(findLink(session)).toEqual(session.Links[0]);
  });
});
