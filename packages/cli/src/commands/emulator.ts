import { DEFAULT_USER, startEmulator } from '@vbem/emulator';
import { Command, Option } from 'commander';
import type { CommandContext, OutputFlags } from '../command-context.js';
import { DEMO_DATASET } from '../connection/demo.js';
import { addOutputOptions } from '../global-options.js';
import { integerOf } from '../option-values.js';

interface EmulatorFlags extends OutputFlags {
  readonly port: string;
  readonly seed: string;
  readonly jobs: string;
  readonly days: string;
  readonly servers: string;
}

export function emulatorCommand(context: CommandContext): Command {
  const command = new Command('emulator')
    .summary('run a local Enterprise Manager emulator in the foreground')
    .description(
      'Serves the EM REST API on 127.0.0.1 over a generated dataset (the same one --demo uses by default), so that other tools, scripts and vbem itself can be tried without an EM. Ctrl-C stops it.',
    )
    .addOption(new Option('--port <n>', 'port (0 picks a free one)').default('9399'))
    .addOption(new Option('--seed <n>', 'dataset seed').default(String(DEMO_DATASET.seed)))
    .addOption(new Option('--jobs <n>', 'jobs').default(String(DEMO_DATASET.jobs)))
    .addOption(new Option('--days <n>', 'days of history').default(String(DEMO_DATASET.days)))
    .addOption(new Option('--servers <n>', 'backup servers').default(String(DEMO_DATASET.servers)))
    .addHelpText(
      'after',
      `
Examples:
  vbem emulator --port 9399
  VBEM_PASSWORD=emulator vbem report --url http://127.0.0.1:9399 --username emulator`,
    );
  addOutputOptions(command);
  command.action(async (_options, cmd: Command) => {
    const flags = cmd.optsWithGlobals<EmulatorFlags>();
    const emulator = await startEmulator({
      host: '127.0.0.1',
      port: integerOf('--port', flags.port, 0) ?? 9399,
      now: context.io.now,
      dataset: {
        ...DEMO_DATASET,
        seed: integerOf('--seed', flags.seed, 0) ?? DEMO_DATASET.seed,
        jobs: integerOf('--jobs', flags.jobs, 0) ?? DEMO_DATASET.jobs,
        days: integerOf('--days', flags.days, 1) ?? DEMO_DATASET.days,
        servers: integerOf('--servers', flags.servers, 1) ?? DEMO_DATASET.servers,
        now: context.io.now(),
      },
      onWarning: (message) => context.warn(message),
    });
    context.io.stdout.write(
      `vbem emulator: ${emulator.url}/api/ (${emulator.dataset.jobSessions.count} job sessions)\nlog on as ${DEFAULT_USER.username} / ${DEFAULT_USER.password}; Ctrl-C stops\n`,
    );
    await new Promise<void>((resolve) => {
      if (context.io.signal.aborted) resolve();
      context.io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await emulator.close();
  });
  return command;
}
