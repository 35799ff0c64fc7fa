import type { EmClient } from '@vbem/client';
import type { CliIo } from './cli-io.js';
import type { ConnectionFlags } from './connection/connection-flags.js';
import type { Target } from './connection/target.js';
import type { Progress } from './progress.js';

/** The output switches every command shares. */
export interface OutputFlags {
  readonly quiet?: boolean | undefined;
  readonly verbose?: boolean | undefined;
  readonly debug?: boolean | undefined;
}

/** What a command gets from the runner: the process, its EMs, and the shared behaviour. */
export interface CommandContext {
  readonly io: CliIo;
  /** The EMs of this run from the flags, the config file, or the embedded demo emulator. */
  targets(flags: ConnectionFlags): Promise<Target[]>;
  /**
   * A client of one target; the runner logs it off when the command ends, Ctrl-C included. Its
   * requests stop on `signal` (default: the run's, `io.signal`). Throws the target's `failure`,
   * if it has one.
   */
  client(target: Target, signal?: AbortSignal): EmClient;
  progress(label: string, flags: OutputFlags): Progress;
  /** A line on stderr with --verbose. */
  verbose(flags: OutputFlags, message: string): void;
  /** A warning line on stderr (even with --quiet: warnings are about safety). */
  warn(message: string): void;
  /** A hint line on stderr (`hint: …`, as after an error); nothing when `hint` is undefined. */
  hint(hint: string | undefined): void;
  /**
   * Why the requests of the client of the EM `emName` were stopped, when the command stopped them
   * itself (--time-limit), rather than the user: an EM's failure line says so instead of `was
   * aborted`. `started` false asks about an EM not yet started: past the limit it is not started.
   */
  readonly cutOff?: (started: boolean, emName: string) => string | undefined;
  /** Whether the origin of `url` answered a request of this run, for a connection failure's hint. */
  readonly hasAnswered?: (url: string) => boolean;
  /** The process exit code, for commands whose result is a status (check). */
  exitCode: number;
}
