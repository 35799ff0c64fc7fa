import { EmulatorOptionsError } from './emulator-options-error.js';

type ListenProblem = (host: string, port: number) => readonly ['port' | 'host', string];

/** Why a `listen` failed, by Node's error code: the option it is about, and what is wrong with it. */
const PROBLEMS: Readonly<Record<string, ListenProblem>> = {
  EADDRINUSE: (host, port) => ['port', `${port} is in use on ${host}`],
  EACCES: (host, port) => [
    'port',
    `${port} may not be bound on ${host} by this process (ports below 1024 need privileges)`,
  ],
  ENOTFOUND: (host) => ['host', `${JSON.stringify(host)} does not resolve to an address`],
  EAI_FAIL: (host) => ['host', `${JSON.stringify(host)} does not resolve to an address`],
  EAI_NONAME: (host) => ['host', `${JSON.stringify(host)} does not resolve to an address`],
  EAI_AGAIN: (host) => [
    'host',
    `${JSON.stringify(host)} could not be resolved now (the name server did not answer)`,
  ],
  EADDRNOTAVAIL: (host) => ['host', `${JSON.stringify(host)} is not an address of this machine`],
};

/**
 * The error of a `listen` that failed because of the `port` or `host` option: an
 * EmulatorOptionsError naming the option and the value, with Node's error as its `cause`. Any
 * other error as it is.
 */
export function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const problem = code === undefined || !Object.hasOwn(PROBLEMS, code) ? undefined : PROBLEMS[code];
  if (problem === undefined) return error;
  const [option, what] = problem(host, port);
  const failure = new EmulatorOptionsError(option, `${what} (${code}): the emulator cannot listen`);
  (failure as { cause?: unknown }).cause = error;
  return failure;
}
