import { type Link, shownValue } from '@vbem/model';
import { ClientOptionsError } from './errors/client-options-error.js';

/**
 * The link `follow()` was given, checked before anything is sent: an href, or an object with a
 * string `Href` (and a string `Type`, or none). Anything else would be sent as `/api/undefined`.
 */
export function checkedLink(link: unknown): Link | string {
  if (typeof link === 'string') return link;
  if (typeof link !== 'object' || link === null || Array.isArray(link)) {
    throw new ClientOptionsError(
      `follow() takes a link (an object with an Href) or an href, got ${shownValue(link)}`,
    );
  }
  const { Href, Type } = link as { Href?: unknown; Type?: unknown };
  if (typeof Href !== 'string') {
    throw new ClientOptionsError(
      `the link given to follow() must have a string Href, got ${shownValue(Href)}`,
    );
  }
  if (Type !== undefined && typeof Type !== 'string') {
    throw new ClientOptionsError(
      `the link given to follow() must have a string Type or none, got ${shownValue(Type)}`,
    );
  }
  return link as Link;
}
