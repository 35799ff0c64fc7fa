import {
  AuthenticationError,
  ClientError,
  ClientOptionsError,
  NetworkError,
  NotEnterpriseManagerError,
  PermissionError,
  ProxyAuthenticationError,
  ResponseTooLargeError,
  TimeoutError,
  TlsError,
} from '@vbem/client';
import { VbemError } from '@vbem/model';
import { formatDuration, toSingleLine } from '@vbem/reporting';
import { CliError } from './cli-error.js';
import { closedUnanswered, httpsPortHint } from './connection/closed-unanswered.js';
import { shownSize } from './connection/response-size.js';
import { EM_PORTS_HINT } from './doctor/url-check.js';
import { type DoctorOf, doctorHintOf } from './doctor-hint.js';
import { type ProfilePlace, pinLaterAdvice, renewedPinAdvice, trustAdvice } from './pin-advice.js';
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
  CERT_HAS_EXPIRED: "renew EM's certificate (the one bound to port 9398 on the EM server)",
  CERT_NOT_YET_VALID: "check this machine's clock, and EM's certificate",
};

/** A TLS failure's hint; an EM of a profile is pinned or trusted in its profile (--all takes no --fingerprint). */
function tlsHint(code: string | undefined, profile: ProfilePlace | undefined): string {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `connect with a name the certificate holds (vbem doctor lists them), or pin it: ${pinLaterAdvice(profile)}`;
  }
  if (code === 'CERT_FINGERPRINT_MISMATCH') return renewedPinAdvice(profile);
  return TLS_HINTS[code ?? ''] ?? trustAdvice(profile);
}

/** A connection failure's hint outside the doctor when its EM is not known; an --all run names the profile instead. */
export const DOCTOR_CONNECTION_HINT = 'run vbem doctor to check the connection';

/** What the run knows of the one EM that failed, for its hints. */
export interface FailedEm {
  /** Where its password came from, named in a refused logon's hint. */
  readonly passwordSource?: string | undefined;
  /** Its profile, where a TLS failure's hint says to pin or trust it. */
  readonly profile?: ProfilePlace | undefined;
  /** The EM, whose doctor a connection failure's hint names (`run 'vbem doctor --profile dead'`). */
  readonly doctorOf?: DoctorOf | undefined;
  /** Whether the origin of a URL answered a request of this run (a later reset is then no https port's). */
  readonly hasAnswered?: ((url: string) => boolean) | undefined;
}

/**
 * The user-facing form of any error the CLI can meet, as inert single lines: messages carry EM's
 * error text, and a request's URL without its long query (shortRequestUrl; `--debug` shows it
 * whole), but in the doctor, which says what was asked. Secrets never appear in these errors.
 * `doctor` is the doctor's own use: its hints do not send the user to the doctor. `em` is what the
 * run knows of the EM that failed, for the hints (see FailedEm).
 */
export function describeError(
  error: unknown,
  where: 'command' | 'doctor' = 'command',
  em: FailedEm = {},
): ErrorReport {
  const report = errorReport(error, where, em);
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

function errorReport(error: unknown, where: 'command' | 'doctor', em: FailedEm): ErrorReport {
  const { passwordSource, profile } = em;
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
  if (error instanceof ProxyAuthenticationError && error.proxy !== undefined) {
    return {
      line: error.message,
      hint: `put the proxy account's user:password in the proxy URL that ${error.proxy.source} holds (http://user:password@proxy:port, with special characters percent-encoded), or list EM's host in NO_PROXY to connect directly; vbem did not try again, so that a wrong password cannot lock the proxy account`,
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
  if (error instanceof NetworkError && isHttpsPortTheory(error, where, em)) {
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
          ? error instanceof TimeoutError
            ? 'EM answered the checks above, then did not: is its REST API service restarting or slow? a larger --timeout helps with a slow EM'
            : 'EM answered the checks above, then closed the connection without answering: its REST API service may be restarting, or a proxy or firewall cut the connection'
          : connectionHint(error, em),
      exitCode: 1,
    };
  }
  if (error instanceof ResponseTooLargeError) {
    return {
      line: error.message.replace(
        / \(maxResponseBytes\)$/,
        // The limit may be a profile's maxResponseSize or the default: the hint names both settings.
        ` (the limit of ${shownSize(error.limit)})`,
      ),
      hint: "raise --max-response-size (or the profile's maxResponseSize) if EM's answers are this large; a hostile or broken server may also send an endless body",
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

/**
 * Whether a plain-http request closed unanswered may have met an https port: only while nothing
 * of that origin has answered over http in this run. In the doctor, a request that can fail so
 * comes after its EM API check answered (that check says the https case itself).
 */
function isHttpsPortTheory(
  error: NetworkError,
  where: 'command' | 'doctor',
  em: FailedEm | undefined,
): boolean {
  const url = error.request?.url;
  if (where === 'doctor' || !closedUnanswered(url, error.cause)) return false;
  return url === undefined || em?.hasAnswered?.(url) !== true;
}

/**
 * A command's connection failure: an EM that answered over plain http and then closed a
 * connection unanswered, else the doctor of the EM that failed when it is known.
 */
function connectionHint(error: NetworkError | TimeoutError, em: FailedEm | undefined): string {
  const url = error.request?.url;
  if (
    error instanceof NetworkError &&
    url !== undefined &&
    closedUnanswered(url, error.cause) &&
    em?.hasAnswered?.(url) === true
  ) {
    return `EM answered over plain http earlier in this run, then closed the connection without answering: its REST API service may be restarting, or a proxy or firewall cut the connection${em.doctorOf === undefined ? '' : `; ${doctorHintOf(em.doctorOf, ' to check it')}`}`;
  }
  return em?.doctorOf === undefined
    ? DOCTOR_CONNECTION_HINT
    : doctorHintOf(em.doctorOf, ' to check the connection');
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
