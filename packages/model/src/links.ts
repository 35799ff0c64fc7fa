import type { Link } from './generated/index.gen.js';

/** What to match: the relation, the representation type, or both. Matching is exact, as EM's values are. */
export interface LinkQuery {
  readonly rel?: string;
  readonly type?: string;
}

/** Anything with EM links: references, entities, paging info, logon sessions. */
export interface HasLinks {
  readonly Links: readonly Link[];
}

const matches = (link: Link, query: LinkQuery): boolean =>
  (query.rel === undefined || link.Rel === query.rel) &&
  (query.type === undefined || link.Type === query.type);

/** Every link of the resource that matches, in document order. */
export const findLinks = (resource: HasLinks, query: LinkQuery): Link[] =>
  resource.Links.filter((link) => matches(link, query));

/** The first link that matches, or undefined: `findLink(session, { rel: 'Down', type: 'BackupTaskSessionReferenceList' })`. */
export const findLink = (resource: HasLinks, query: LinkQuery): Link | undefined =>
  resource.Links.find((link) => matches(link, query));
