import { UsageError } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import type { ConnectionFlags } from './connection-flags.js';
import type { Target } from './target.js';

/** The single EM of a command that reads from one (everything but `report --all` and `check --all`). */
export async function oneTarget(context: CommandContext, flags: ConnectionFlags): Promise<Target> {
  if (flags.all)
    throw new UsageError('--all works with report and check; give --profile for one EM');
  const [target] = await context.targets(flags);
  if (!target) throw new UsageError('no EM to connect to: give --url, a --profile, or --demo');
  return target;
}
