import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';

// Being written (helper); replaced before this branch lands.
export function doctorCommand(_context: CommandContext): Command {
  return new Command('doctor').summary('(in progress)');
}
