import { hasCredentials, whyNotUrl } from '../connection/url-fault.js';
import type { CheckResult } from './checklist.js';

/** Backup & Replication's own REST API, which people give instead of EM's. */
export const VBR_REST_PORT = '9419';
export const EM_PORTS_HINT =
  "Enterprise Manager's REST API listens on https://<em>:9398 (or http://<em>:9399)";

/** Where the doctor goes: the parsed URL and EM's API base (`…/api/`). */
export interface Endpoint {
  readonly url: URL;
  readonly apiBase: URL;
  /** The host name without IPv6 brackets. */
  readonly host: string;
  readonly port: number;
  readonly https: boolean;
}

const fail = (message: string, hint: string): { result: CheckResult } => ({
  result: { status: 'fail', message, hint },
});

const credentials = () =>
  fail(
    'the URL carries a user name or password',
    'drop it from the URL; give --username and VBEM_PASSWORD or --password-file',
  );

/**
 * The URL as the client will read it: http or https, no credentials, query or fragment, and not
 * the Backup & Replication REST API's port 9419. The URL is never repeated before it is known to
 * hold no password.
 */
export function checkUrl(text: string): { result: CheckResult; endpoint?: Endpoint } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    if (hasCredentials(text)) return credentials();
    return fail(
      `the URL is not valid: ${whyNotUrl(text)}`,
      `give the whole address with its scheme and port: ${EM_PORTS_HINT}`,
    );
  }
  if (url.username || url.password) return credentials();
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail(`${url.protocol} is not http or https`, EM_PORTS_HINT);
  }
  if (url.search || url.hash) {
    return fail('the URL has a query or a fragment', `drop it: ${EM_PORTS_HINT}`);
  }
  if (url.port === VBR_REST_PORT) {
    return fail(
      `port ${VBR_REST_PORT} is the Veeam Backup & Replication REST API, not Enterprise Manager`,
      `${EM_PORTS_HINT}: try --url https://${url.hostname}:9398`,
    );
  }
  const https = url.protocol === 'https:';
  const port = url.port === '' ? (https ? 443 : 80) : Number(url.port);
  const path = url.pathname.replace(/\/+$/, '');
  const apiBase = new URL(`${path.toLowerCase().endsWith('/api') ? path : `${path}/api`}/`, url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const endpoint: Endpoint = { url, apiBase, host, port, https };
  const mismatch =
    https && port === 9399
      ? `9399 is EM's http port; https is on 9398`
      : !https && port === 9398
        ? `9398 is EM's https port; http is on 9399`
        : undefined;
  if (mismatch) {
    return {
      endpoint,
      result: { status: 'warn', message: `${apiBase.href}: ${mismatch}`, hint: EM_PORTS_HINT },
    };
  }
  return { endpoint, result: { status: 'pass', message: apiBase.href } };
}
