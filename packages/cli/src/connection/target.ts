import type { ClientOptions } from '@vbem/client';

/** One EM to talk to: a name for messages and merged reports, and the client's options. */
export interface Target {
  readonly name: string;
  readonly options: ClientOptions;
}
