import type { Link } from './generated/index.gen.js';

/** What to match: the relation, the representation type, or both. Matching is exact, as EM's values are. */
export interface LinkQuery {
  readonly rel?: string | undefined;
  readonly type?: string | undefined;
}

/** Anything with EM links: references, entities, paging info, logon sessions. */
export interface HasLinks {
  readonly Links: readonly Link[];
}

const matches = (link: Link, query: LinkQuery): boolean =>
  (query.rel === undefined || link.Rel === query.rel) &&
  (query.type === undefined || link.Type === query.type);

/** The resource's links; a TypeError naming the call for what is no EM resource (from JavaScript). */
function linksOf(resource: HasLinks, call: string): readonly Link[] {
  const links = (resource as Partial<HasLinks> | null | undefined)?.Links;
  if (!Array.isArray(links)) {
    throw new TypeError(
      `${call}: expected an EM resource with a Links array, got ${typeof links === 'undefined' ? 'none' : typeof links}`,
    );
  }
  return links;
}

/** Every link of the resource that matches, in document order. */
export const findLinks = (resource: HasLinks, query: LinkQuery = {}): Link[] =>
  linksOf(resource, 'findLinks').filter((link) => matches(link, query));

/** The first link that matches, or undefined: `findLink(session, { rel: 'Down', type: 'BackupTaskSessionReferenceList' })`. */
export const findLink = (resource: HasLinks, query: LinkQuery = {}): Link | undefined =>
  linksOf(resource, 'findLink').find((link) => matches(link, query));
