/** The flags every data command takes to reach one or several EMs. */
export interface ConnectionFlags {
  readonly url?: string | undefined;
  readonly username?: string | undefined;
  /** Refused: a password on the command line is visible to every user of the machine. */
  readonly password?: string | undefined;
  readonly passwordFile?: string | undefined;
  readonly passwordStdin?: boolean | undefined;
  readonly ca?: string | undefined;
  readonly fingerprint?: string | undefined;
  readonly insecure?: boolean | undefined;
  readonly config?: string | undefined;
  readonly profile?: string | undefined;
  readonly all?: boolean | undefined;
  readonly demo?: boolean | undefined;
  /** EM media type: xml (default) or json. */
  readonly apiFormat?: 'xml' | 'json' | undefined;
  /** Seconds per request attempt. */
  readonly timeout?: string | undefined;
  /** The largest body of one answer: `64MiB`, `512KiB`, a bare number of MiB. */
  readonly maxResponseSize?: string | undefined;
}
