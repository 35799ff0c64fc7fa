import type { EmConnection } from '../em-connection.js';
import { QueryCrawl, type QueryPage } from './query-crawl.js';

/**
 * A crawl whose errors are scrubbed of the client's secrets: a paging link is EM's href, which a
 * hostile EM can make carry the session token, and a crawl's own errors (a page that came back
 * as another) name its URL.
 */
export class ScrubbedCrawl<Item> extends QueryCrawl<Item> {
  readonly #connection: EmConnection;

  constructor(connection: EmConnection, ...crawl: ConstructorParameters<typeof QueryCrawl<Item>>) {
    super(...crawl);
    this.#connection = connection;
  }

  override async *pages(): AsyncGenerator<QueryPage<Item>, void, undefined> {
    try {
      yield* super.pages();
    } catch (error) {
      throw this.#connection.scrubError(error);
    }
  }
}
