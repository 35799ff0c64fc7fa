import type { ClientEvent } from '@vbem/client';

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/**
 * The origins (scheme, host and port) that answered a request of this run, from the clients'
 * `response` events: a connection an origin then closes unanswered is not an https port met with
 * plain http, since that origin spoke http already.
 */
export class AnsweredOrigins {
  private readonly origins = new Set<string>();

  /** Notes the origin of a `response` event; other events say nothing of an answer. */
  note(event: ClientEvent): void {
    if (event.type !== 'response') return;
    const origin = originOf(event.url);
    if (origin !== undefined) this.origins.add(origin);
  }

  /** Whether the origin of `url` answered a request before. */
  hasAnswered(url: string): boolean {
    const origin = originOf(url);
    return origin !== undefined && this.origins.has(origin);
  }
}
