import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_USER } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

const USAGE = `usage: vbem-emulator [options]

Runs a Veeam Backup Enterprise Manager REST API emulator in the foreground (Ctrl-C stops it).

  --host ADDRESS       interface to bind (default 127.0.0.1)
  --port N             port (default 9399; 0 picks a free one)
  --seed N             dataset seed (default 1)
  --servers N          backup servers (default 2)
  --jobs N             jobs (default 24)
  --days N             days of history (default 45)
  --sessions N         scheduled runs per job per day (default 1)
  --running N          sessions still running, each its own job's (default 2, at most --jobs)
  --em-version 12|13   EM generation to imitate (default 13)
  --user NAME          account name (default ${DEFAULT_USER.username})
  --password TEXT      account password (default ${DEFAULT_USER.password}; or VBEM_EMULATOR_PASSWORD)
  --tls-key FILE       serve HTTPS with this PEM key ...
  --tls-cert FILE      ... and this PEM certificate`;

const integer = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text))
    throw new Error(`--${name} must be a whole number, not ${JSON.stringify(text)}`);
  return Number(text);
};

async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    if ((values['tls-key'] === undefined) !== (values['tls-cert'] === undefined))
      throw new Error('--tls-key and --tls-cert go together');
    const emVersion = integer('em-version', values['em-version'], 13);
    if (emVersion !== 12 && emVersion !== 13) throw new Error('--em-version must be 12 or 13');
    const username = values.user ?? DEFAULT_USER.username;
    const password = values.password ?? process.env.VBEM_EMULATOR_PASSWORD ?? DEFAULT_USER.password;
    const emulator = await startEmulator({
      host: values.host ?? '127.0.0.1',
      port: integer('port', values.port, 9399),
      emVersion,
      users: [{ username, password }],
      dataset: {
        seed: integer('seed', values.seed, 1),
        servers: integer('servers', values.servers, 2),
        jobs: integer('jobs', values.jobs, 24),
        days: integer('days', values.days, 45),
        sessionsPerDay: integer('sessions', values.sessions, 1),
        ...(values.running !== undefined && {
          runningSessions: integer('running', values.running, 0),
        }),
      },
      ...(values['tls-key'] !== undefined &&
        values['tls-cert'] !== undefined && {
          tls: { key: readFileSync(values['tls-key']), cert: readFileSync(values['tls-cert']) },
        }),
    });
    // Listening for the signals before the ready line: a script may signal as soon as it reads it.
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    const usingDefault =
      values.password === undefined && process.env.VBEM_EMULATOR_PASSWORD === undefined;
    console.log(
      `vbem emulator: ${emulator.url}/api/ (EM ${emVersion}, ${emulator.dataset.jobSessions.count} job sessions)`,
    );
    console.log(
      `log on as ${username}${usingDefault ? ` / ${DEFAULT_USER.password} (the default account)` : ''}; Ctrl-C stops`,
    );
    await stopped;
    await emulator.close();
    return 0;
  } catch (error) {
    console.error(`vbem-emulator: ${(error as Error).message}`);
    return 1;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      servers: { type: 'string' },
      jobs: { type: 'string' },
      days: { type: 'string' },
      sessions: { type: 'string' },
      running: { type: 'string' },
      'em-version': { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

process.exitCode = await main(process.argv.slice(2));
