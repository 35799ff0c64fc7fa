import { UsageError } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import type { ConnectionFlags } from './connection-flags.js';
import type { Target } from './target.js';

/** The single EM of a command that reads from one (`query`, `sessions show`). */
export async function oneTarget(context: CommandContext, flags: ConnectionFlags): Promise<Target> {
  if (flags.all)
    throw new UsageError(
      '--all works with report, check, sessions, tasks and doctor; this command reads one EM',
      'give --profile NAME for one EM',
    );
  const [target] = await context.targets(flags);
  if (!target) throw new UsageError('no EM to connect to: give --url, a --profile, or --demo');
  return target;
}
