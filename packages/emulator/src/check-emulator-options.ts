import type { EmulatorOptions } from './emulator-options.js';
import { EmulatorOptionsError } from './emulator-options-error.js';
import { faultRuleProblem } from './http/fault-rule-problem.js';
import { shownValue as shown } from './shown-value.js';

/**
 * Refuses options that would start an emulator that cannot work as asked (an idle timeout of -5
 * expires every session at once, NaN never) or that Node would refuse with an untyped error.
 */
export function checkEmulatorOptions(options: EmulatorOptions): void {
  const { port, idleTimeoutMs, emVersion, host, users, faults } = options;
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
  if (emVersion !== undefined && emVersion !== 12 && emVersion !== 13)
    throw new EmulatorOptionsError('emVersion', `must be 12 or 13, got ${shown(emVersion)}`);
  if (host !== undefined && (typeof host !== 'string' || host === ''))
    throw new EmulatorOptionsError('host', `must be an address or a host name, got ${shown(host)}`);
  if (users !== undefined) {
    if (!Array.isArray(users) || users.length === 0)
      throw new EmulatorOptionsError('users', 'must list at least one account');
    users.forEach((user: unknown, index) => {
      const { username, password } = (user ?? {}) as { username?: unknown; password?: unknown };
      if (typeof username !== 'string' || username === '' || username.includes(':'))
        throw new EmulatorOptionsError(
          `users[${index}].username`,
          'must be a non-empty string without a colon (Basic authentication cannot carry one)',
        );
      if (typeof password !== 'string')
        throw new EmulatorOptionsError(`users[${index}].password`, 'must be a string');
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
