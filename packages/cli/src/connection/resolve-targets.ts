import type { CliIo } from '../cli-io.js';
import { UsageError } from '../cli-error.js';
import type { ConnectionFlags } from './connection-flags.js';
import type { Target } from './target.js';

/**
 * The EMs a command talks to, from the flags, the environment and the config file.
 * (Being completed: config profiles, password sources, TLS files.)
 */
export async function resolveTargets(flags: ConnectionFlags, io: CliIo): Promise<Target[]> {
  const url = flags.url ?? io.env.VBEM_URL;
  const username = flags.username ?? io.env.VBEM_USERNAME;
  const password = io.env.VBEM_PASSWORD;
  if (!url || !username || password === undefined) {
    throw new UsageError('give --url, --username and VBEM_PASSWORD, or use --demo');
  }
  return [{ name: new URL(url).host, options: { url, username, password } }];
}
