import {
  AuthenticationError,
  ClientError,
  ClientOptionsError,
  NetworkError,
  NotEnterpriseManagerError,
  PermissionError,
  TimeoutError,
  TlsError,
} from '@vbem/client';
import { VbemError } from '@vbem/model';
import { formatDuration, toSingleLine } from '@vbem/reporting';
import { CliError } from './cli-error.js';
import { closedUnanswered, httpsPortHint } from './connection/closed-unanswered.js';
import { EM_PORTS_HINT } from './doctor/url-check.js';
import { type ProfilePlace, pinLaterAdvice, trustAdvice } from './pin-advice.js';
import { shortRequestUrl } from './short-request-url.js';

/** One line for the user, and a hint that says what to try. */
export interface ErrorReport {
  readonly line: string;
  readonly hint: string | undefined;
  readonly exitCode: number;
}

/** Hints for the TLS failures that --ca or --fingerprint would not cure. */
const TLS_HINTS: Readonly<Record<string, string>> = {
  ERR_SSL_WRONG_VERSION_NUMBER: `the port may speak plain http: ${EM_PORTS_HINT}`,
  CERT_FINGERPRINT_MISMATCH:
    "if EM's certificate was renewed, compare the new one (vbem doctor prints its fingerprint) with the one on the EM server, then pin it; if not, something else answers for EM",
  CERT_HAS_EXPIRED: "renew EM's certificate (the one bound to port 9398 on the EM server)",
  CERT_NOT_YET_VALID: "check this machine's clock, and EM's certificate",
};

/** A TLS failure's hint; an EM of a profile is pinned or trusted in its profile (--all takes no --fingerprint). */
function tlsHint(code: string | undefined, profile: ProfilePlace | undefined): string {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `connect with a name the certificate holds (vbem doctor lists them), or pin it: ${pinLaterAdvice(profile)}`;
  }
  return TLS_HINTS[code ?? ''] ?? trustAdvice(profile);
}

/** A connection failure's hint outside the doctor; an --all run names the profile instead. */
export const DOCTOR_CONNECTION_HINT = 'run vbem doctor to check the connection';

/**
 * The user-facing form of any error the CLI can meet, as inert single lines: messages carry EM's
 * error text, and a request's URL without its long query (shortRequestUrl; `--debug` shows it
 * whole), but in the doctor, which says what was asked. Secrets never appear in these errors.
 * `doctor` is the doctor's own use: its hints do not send the user to the doctor. `passwordSource`, when known, is named in a refused logon's hint;
 * `profile`, the EM's profile when it has one, in a TLS failure's.
 */
export function describeError(
  error: unknown,
  where: 'command' | 'doctor' = 'command',
  passwordSource?: string,
  profile?: ProfilePlace,
): ErrorReport {
  const report = errorReport(error, where, passwordSource, profile);
  const url = error instanceof ClientError ? error.request?.url : undefined;
  return {
    line: toSingleLine(
      `${url === undefined || where === 'doctor' ? report.line : report.line.replaceAll(url, shortRequestUrl(url))}${attemptsText(error)}`,
    ),
    hint: report.hint === undefined ? undefined : toSingleLine(report.hint),
    exitCode: report.exitCode,
  };
}

/**
 * ` (4 attempts over 2m 1s)` after the failure of a request the client retried: its message is
 * the last attempt's (`no whole answer within 30000 ms`), which would hide minutes of retries.
 */
function attemptsText(error: unknown): string {
  if (!(error instanceof ClientError) || error.attempts === undefined) return '';
  const ms = error.elapsedMs ?? 0;
  const over = ms < 1000 ? `${ms} ms` : formatDuration(ms / 1000);
  return ` (${error.attempts} attempts over ${over})`;
}

function errorReport(
  error: unknown,
  where: 'command' | 'doctor',
  passwordSource: string | undefined,
  profile: ProfilePlace | undefined,
): ErrorReport {
  if (error instanceof CliError) {
    return { line: error.message, hint: error.hint, exitCode: error.exitCode };
  }
  if (error instanceof TlsError) {
    return {
      line: error.message.replace(` ${error.hint}`, '').replace(/\.$/, ''),
      hint: tlsHint(error.code, profile),
      exitCode: 1,
    };
  }
  if (error instanceof AuthenticationError) {
    return {
      line: error.message,
      // Refused on another request than the logon: the logon itself worked.
      hint: isLogonRequest(error.request?.url)
        ? `check --username and the password source (${passwordSource ?? 'VBEM_PASSWORD, --password-file, --password-stdin'})`
        : "the logon worked, but EM refused the new logon session at once: EM's REST service may be dropping its sessions (see its log on the EM server), or the account lost its EM role",
      exitCode: 1,
    };
  }
  if (error instanceof PermissionError) {
    return {
      line: error.message,
      hint: 'give the account an EM role: Portal Administrator, Portal User or Restore Operator',
      exitCode: 1,
    };
  }
  if (error instanceof NotEnterpriseManagerError) {
    return {
      line: error.message,
      hint: 'EM listens on https://<em>:9398 (or http://<em>:9399)',
      exitCode: 1,
    };
  }
  if (
    (error instanceof NetworkError || error instanceof TimeoutError) &&
    error.proxy !== undefined
  ) {
    return {
      line: error.message,
      hint: `the request went through the proxy that ${error.proxy.source} names: check that it runs and lets vbem through to EM, or list EM's host in NO_PROXY to connect directly${error instanceof TimeoutError ? '; with both well, a larger --timeout helps with a slow EM' : ''}`,
      exitCode: 1,
    };
  }
  if (error instanceof NetworkError && closedUnanswered(error.request?.url, error.cause)) {
    return {
      line: error.message,
      hint: httpsPortHint(error.request?.url as string),
      exitCode: 1,
    };
  }
  if (error instanceof NetworkError || error instanceof TimeoutError) {
    return {
      line: error.message,
      hint:
        where === 'doctor'
          ? 'EM answered the checks above, then failed: is its REST API service restarting or slow? a larger --timeout helps with a slow EM'
          : DOCTOR_CONNECTION_HINT,
      exitCode: 1,
    };
  }
  if (error instanceof ClientOptionsError)
    return { line: error.message, hint: undefined, exitCode: 2 };
  if (error instanceof ClientError || error instanceof VbemError) {
    return { line: error.message, hint: undefined, exitCode: 1 };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    line: `unexpected error: ${message}`,
    hint: 'this is a bug in vbem; run with --debug and report it',
    exitCode: 1,
  };
}

/** The --debug detail: the error's safe JSON form, or its stack for a bug; each line inert. */
export function debugDetail(error: unknown): string {
  const text =
    error instanceof ClientError
      ? JSON.stringify(error.toJSON(), null, 2)
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  return text.split('\n').map(toSingleLine).join('\n');
}

/** Whether a request is the logon (`POST …/sessionMngr/`), as against one made with its session. */
const isLogonRequest = (url: string | undefined): boolean =>
  url === undefined || /\/sessionMngr\/?$/i.test(new URL(url, 'http://x').pathname);
