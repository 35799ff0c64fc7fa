import { shownValue as shown } from '@vbem/model';
import { bindAddressOf, HOST_FORMS } from './bind-address.js';
import { checkConnectionTimeouts } from './connection-timeouts.js';
import type { EmulatorOptions, EmulatorUser } from './emulator-options.js';
import { EmulatorOptionsError } from './emulator-options-error.js';
import { faultRuleProblem } from './http/fault-rule-problem.js';
import { checkTlsOption } from './tls-option.js';
import { isOptionsBag, unknownKeyOf } from './unknown-key.js';

// A record, so that the compiler says when an option is added to EmulatorOptions and not here.
const OPTIONS = Object.keys({
  host: true,
  port: true,
  dataset: true,
  users: true,
  idleTimeoutMs: true,
  headersTimeoutMs: true,
  requestTimeoutMs: true,
  keepAliveTimeoutMs: true,
  now: true,
  emVersion: true,
  faults: true,
  tls: true,
  stopTaskPolls: true,
  onWarning: true,
} satisfies Record<keyof EmulatorOptions, true>);
const USER_FIELDS = Object.keys({
  username: true,
  password: true,
} satisfies Record<keyof EmulatorUser, true>);

/**
 * Refuses options that would start an emulator that cannot work as asked (an idle timeout of -5
 * expires every session at once, NaN never), that Node would refuse with an untyped error, or
 * that it would not read at all (a misspelled `prot`).
 */
export function checkEmulatorOptions(options: unknown): asserts options is EmulatorOptions {
  if (!isOptionsBag(options))
    throw new EmulatorOptionsError('', `must be an object of options, got ${shown(options)}`);
  const unknown = unknownKeyOf(options, OPTIONS);
  if (unknown !== undefined)
    throw new EmulatorOptionsError(
      unknown,
      `is not an option of startEmulator (${OPTIONS.join(', ')})`,
    );
  const { port, idleTimeoutMs, emVersion, host, users, faults, dataset, now, tls, onWarning } =
    options as EmulatorOptions;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535))
    throw new EmulatorOptionsError(
      'port',
      `must be a whole number from 0 to 65535, got ${shown(port)}`,
    );
  if (idleTimeoutMs !== undefined && !(Number.isSafeInteger(idleTimeoutMs) && idleTimeoutMs >= 1))
    throw new EmulatorOptionsError(
      'idleTimeoutMs',
      `must be a whole number of milliseconds of at least 1, got ${shown(idleTimeoutMs)}`,
    );
  checkConnectionTimeouts(options as EmulatorOptions);
  if (emVersion !== undefined && emVersion !== 12 && emVersion !== 13)
    throw new EmulatorOptionsError('emVersion', `must be 12 or 13, got ${shown(emVersion)}`);
  if (host !== undefined && !(typeof host === 'string' && bindAddressOf(host) !== undefined))
    throw new EmulatorOptionsError('host', `must be ${HOST_FORMS}, got ${shown(host)}`);
  if (dataset !== undefined && !isOptionsBag(dataset))
    throw new EmulatorOptionsError(
      'dataset',
      `must be an object of dataset options, got ${shown(dataset)}`,
    );
  if (now !== undefined && typeof now !== 'function')
    throw new EmulatorOptionsError(
      'now',
      `must be a function that returns the current Date (() => new Date()), got ${shown(now)}`,
    );
  if (onWarning !== undefined && typeof onWarning !== 'function')
    throw new EmulatorOptionsError(
      'onWarning',
      `must be a function that takes a message, got ${shown(onWarning)}`,
    );
  const { stopTaskPolls } = options as EmulatorOptions;
  if (stopTaskPolls !== undefined && !(Number.isSafeInteger(stopTaskPolls) && stopTaskPolls >= 0))
    throw new EmulatorOptionsError(
      'stopTaskPolls',
      `must be a whole number of at least 0, got ${shown(stopTaskPolls)}`,
    );
  if (tls !== undefined) checkTlsOption(tls);
  if (users !== undefined) {
    if (!Array.isArray(users) || users.length === 0)
      throw new EmulatorOptionsError('users', 'must list at least one account');
    users.forEach((user: unknown, index) => {
      if (!isOptionsBag(user))
        throw new EmulatorOptionsError(
          `users[${index}]`,
          `must be an account ({ username, password }), got ${shown(user)}`,
        );
      // A misspelled field (`role`, `pasword`) would be ignored: refused as at the top level.
      const unknownField = unknownKeyOf(user, USER_FIELDS);
      if (unknownField !== undefined)
        throw new EmulatorOptionsError(
          `users[${index}].${unknownField}`,
          `is not a field of an account (${USER_FIELDS.join(', ')})`,
        );
      const { username, password } = user as { username?: unknown; password?: unknown };
      if (typeof username !== 'string' || username === '' || username.includes(':'))
        throw new EmulatorOptionsError(
          `users[${index}].username`,
          'must be a non-empty string without a colon (Basic authentication cannot carry one)',
        );
      // As the CLI refuses one: an empty password opens an account anyone could guess.
      if (typeof password !== 'string' || password === '')
        throw new EmulatorOptionsError(
          `users[${index}].password`,
          `must be a non-empty string, got ${shown(password)}`,
        );
    });
  }
  if (faults !== undefined) {
    if (!Array.isArray(faults))
      throw new EmulatorOptionsError(
        'faults',
        `must be a list of fault rules, got ${shown(faults)}`,
      );
    faults.forEach((rule: unknown, index) => {
      const problem = faultRuleProblem(rule);
      if (problem)
        throw new EmulatorOptionsError(
          `faults[${index}]${problem.field ? `.${problem.field}` : ''}`,
          problem.problem,
        );
    });
  }
}
