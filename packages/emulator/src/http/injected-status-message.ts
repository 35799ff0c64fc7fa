import type { Fault } from './fault-rule.js';

type InjectedStatus = Extract<Fault, { readonly kind: 'status' }>['status'];

// A record, so that the compiler says when a status is added to the fault and not here.
const WHAT: Readonly<Record<InjectedStatus, string>> = {
  // EM's words for a user without the right role (em-api.md: 403 "Access denied").
  401: 'Unauthorized',
  403: 'Access denied',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'The service is unavailable',
  504: 'The gateway timed out',
};

/**
 * The `Message` of a `status` fault's Error body: what the status means, and that it was injected;
 * not naming the emulator, whose default password is `emulator`: a client withholds a text that
 * holds the password (see @vbem/client's SecretScrubber).
 */
export const injectedStatusMessage = (status: InjectedStatus): string =>
  `${WHAT[status]} (an injected fault).`;
