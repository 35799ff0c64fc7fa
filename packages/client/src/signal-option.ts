import { shownValue } from '@vbem/model';
import { ClientOptionsError } from './errors/client-options-error.js';

/**
 * Throws ClientOptionsError when a JavaScript caller's `signal` is given and is no AbortSignal
 * (a TypeError from deep inside the call otherwise, or a signal silently not followed). `where`
 * names the option: `signal`, `sessions().signal`.
 */
export function checkSignalOption(signal: unknown, where: string): void {
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new ClientOptionsError(`${where} must be an AbortSignal, got ${shownValue(signal)}`);
  }
}
