import { readFile } from 'node:fs/promises';
import {
  type EmClient,
  isTlsFailureCode,
  NetworkError,
  PermissionError,
  TimeoutError,
  type TlsOptions,
} from '@vbem/client';
import { formatDuration, toSingleLine } from '@vbem/reporting';
import { UsageError } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { httpsPortHint } from '../connection/closed-unanswered.js';
import type { ConnectionFlags } from '../connection/connection-flags.js';
import { demoRequestSettings } from '../connection/resolve-targets.js';
import type { Target } from '../connection/target.js';
import { describeError } from '../describe-error.js';
import { caAdvice, type PinPlace, type ProfilePlace, pinAdvice } from '../pin-advice.js';
import { type ApiAnswer, ClosedUnanswered, getApiRoot, PinMismatch } from './api-probe.js';
import { Checklist, type CheckResult } from './checklist.js';
import {
  connectTcp,
  describeMs,
  errorCode,
  errorText,
  lookupHost,
  ProbeTimeout,
} from './net-probes.js';
import { checkQuery, queryFailure } from './query-check.js';
import { caList, inspectTls, normalizeFingerprint, type TlsFacts } from './tls-probe.js';
import { checkUrl, EM_PORTS_HINT, type Endpoint, VBR_REST_PORT } from './url-check.js';

/** DNS, TCP and the TLS handshake get at most this long, whatever --timeout says. */
const CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 30_000;
/** A certificate that expires sooner is a warning. */
const EXPIRY_WARNING_DAYS = 30;
/** Clocks further apart are a warning. */
const CLOCK_SKEW_LIMIT_SECONDS = 60;
const DAY_MS = 86_400_000;

const LABELS = [
  'URL',
  'Settings',
  'DNS',
  'TCP',
  'TLS',
  'EM API',
  'Logon',
  'Role',
  'Query',
  'Clock',
] as const;
type Label = (typeof LABELS)[number];

const FINGERPRINT = /^([0-9a-f]{2}:?){31}[0-9a-f]{2}$/i;

const skip = (message: string): CheckResult => ({ status: 'skip', message });
const fail = (message: string, hint?: string): CheckResult => ({ status: 'fail', message, hint });
const pass = (message: string, details?: CheckResult['details']): CheckResult => ({
  status: 'pass',
  message,
  ...(details ? { details } : {}),
});

/** What the network checks need: where, and with which TLS settings. */
interface Reach {
  readonly endpoint: Endpoint;
  readonly tls: TlsOptions | undefined;
  readonly timeoutMs: number;
  /** Why there are no TLS settings to check with (they failed): TLS and what follows are skipped. */
  readonly tlsUnresolved?: string;
  /** The profile a pin goes in, when the TLS settings are a profile's (the flags' otherwise). */
  readonly pinPlace?: PinPlace | undefined;
}

/** The checklist in order; a check that cannot run is skipped with the reason. */
class Run {
  readonly list: Checklist;
  private readonly done = new Set<Label>();

  /** `io`: where the checklist goes (context.io, or a profile's own text under --all). */
  constructor(
    private readonly context: CommandContext,
    io: CommandContext['io'],
  ) {
    this.list = new Checklist(io);
  }

  add(label: Label, result: CheckResult): CheckResult {
    this.done.add(label);
    return this.list.add(label, result);
  }

  /** Skips every check after `label` that has not run, with `reason`. */
  skipAfter(label: Label, reason: string): void {
    for (const next of LABELS.slice(LABELS.indexOf(label) + 1)) {
      if (!this.done.has(next)) this.add(next, skip(reason));
    }
  }

  get signal(): AbortSignal {
    return this.context.io.signal;
  }

  /** Rethrows Ctrl-C; anything else is the check's failure. */
  rethrowAbort(error: unknown): void {
    if (this.signal.aborted) throw error;
  }
}

const timeoutOf = (flags: ConnectionFlags): number | undefined => {
  const seconds = flags.timeout === undefined ? Number.NaN : Number(flags.timeout);
  return seconds > 0 ? seconds * 1000 : undefined;
};

/** TLS settings from the flags alone, when the settings did not resolve (no password, say). */
async function tlsOfFlags(flags: ConnectionFlags): Promise<TlsOptions | undefined> {
  if (flags.insecure) return { rejectUnauthorized: false };
  const ca =
    flags.ca === undefined ? undefined : await readFile(flags.ca, 'utf8').catch(() => undefined);
  const pin =
    flags.fingerprint !== undefined && FINGERPRINT.test(flags.fingerprint)
      ? flags.fingerprint
      : undefined;
  if (ca === undefined && pin === undefined) return undefined;
  return {
    ...(ca === undefined ? {} : { ca }),
    ...(pin === undefined ? {} : { fingerprint256: pin }),
  };
}

const tlsMode = (tls: TlsOptions | undefined): string =>
  tls?.rejectUnauthorized === false
    ? 'TLS verification off'
    : tls?.fingerprint256 !== undefined
      ? 'certificate pinned by fingerprint'
      : tls?.ca !== undefined
        ? 'CA from a file'
        : "Node's CA store";

/** The proxy variable the client would read for this scheme, named (never its value: it may hold a password). */
function proxyVariable(env: CommandContext['io']['env'], https: boolean): string | undefined {
  const names = https
    ? ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']
    : ['HTTP_PROXY', 'http_proxy'];
  return names.find((name) => (env[name] ?? '') !== '');
}

function lookupFailure(host: string, error: unknown): CheckResult {
  const code = errorCode(error);
  if (code === 'ENOTFOUND' || code === 'ENODATA') {
    return fail(
      `${host} does not resolve (${code})`,
      `check the host name in the URL and this machine's DNS, e.g. nslookup ${host}`,
    );
  }
  if (code === 'EAI_AGAIN')
    return fail(
      `the DNS server did not answer for ${host} (EAI_AGAIN)`,
      "check this machine's DNS servers",
    );
  return fail(`looking up ${host} failed: ${errorText(error)}`, "check this machine's DNS");
}

function connectFailure(
  endpoint: Endpoint,
  address: string,
  error: unknown,
  timeoutMs: number,
): CheckResult {
  const code = errorCode(error);
  const where = `${address}:${endpoint.port}`;
  const ports =
    endpoint.url.port === '' ? ` The URL has no port, so ${endpoint.port} was used.` : '';
  if (code === 'ECONNREFUSED') {
    return fail(
      `${where} refused the connection: nothing listens there`,
      `is the Veeam Backup Enterprise Manager service running on ${endpoint.host}? ${EM_PORTS_HINT}.${ports}`,
    );
  }
  if (error instanceof ProbeTimeout || code === 'ETIMEDOUT') {
    return fail(
      `no answer from ${where} within ${describeMs(timeoutMs)}`,
      `a firewall may drop the packets: allow TCP ${endpoint.port} from this machine to EM.${ports}`,
    );
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return fail(
      `${address} is unreachable (${code})`,
      'check the routing (VPN, gateway) from this machine to EM',
    );
  }
  return fail(`connecting to ${where} failed: ${errorText(error)}`, EM_PORTS_HINT);
}

function relativeDays(to: Date, now: Date): string {
  const ms = to.getTime() - now.getTime();
  const text = formatDuration(Math.abs(ms) / 1000);
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** The names a certificate is for: its SANs' values (`em-acme.local, 10.0.0.5`), else its CN. */
function certificateNames(certificate: TlsFacts['certificate']): string {
  const sans = certificate.subjectAltName
    ?.split(', ')
    .map((name) => name.replace(/^(DNS|IP Address):/, ''))
    .join(', ');
  return sans || certificate.commonName || 'no name';
}

/** The verdict on EM's certificate under the TLS settings the client will use. */
function tlsVerdict(
  facts: TlsFacts,
  tls: TlsOptions | undefined,
  host: string,
  now: Date,
  pinPlace: PinPlace | undefined,
): CheckResult {
  const certificate = facts.certificate;
  const fingerprint = certificate.fingerprint256;
  const details: [string, string][] = [
    ['subject', certificate.subject || '(empty)'],
    ['SANs', certificate.subjectAltName ?? '(none)'],
    ['issuer', `${certificate.issuer}${certificate.selfSigned ? ' (self-signed)' : ''}`],
    ['expires', `${certificate.validTo.toISOString()} (${relativeDays(certificate.validTo, now)})`],
    ['SHA-256', fingerprint],
  ];
  const result = (status: CheckResult['status'], message: string, hint?: string): CheckResult => ({
    status,
    message: `${message} (${facts.protocol ?? 'TLS'}, ${describeMs(facts.ms)})`,
    details,
    hint,
  });
  const pinHint = `pin it: ${pinAdvice(fingerprint, pinPlace)} (compare it with the certificate on the EM server first)`;
  if (certificate.validTo.getTime() < now.getTime()) {
    return result(
      'fail',
      `the certificate expired ${relativeDays(certificate.validTo, now)}`,
      "renew EM's certificate (the one bound to port 9398 on the EM server)",
    );
  }
  if (certificate.validFrom.getTime() > now.getTime()) {
    return result(
      'fail',
      `the certificate is not valid before ${certificate.validFrom.toISOString()}`,
      "check this machine's clock, and EM's certificate",
    );
  }
  let verdict: CheckResult;
  if (tls?.fingerprint256 !== undefined) {
    const pin = normalizeFingerprint(tls.fingerprint256);
    verdict =
      pin === fingerprint
        ? result('pass', 'the certificate matches the pinned fingerprint')
        : result(
            'fail',
            `the certificate does not match the pinned fingerprint ${pin}`,
            `if EM's certificate was renewed, pin the new one: ${pinAdvice(fingerprint, pinPlace)}; if not, something else answers for EM`,
          );
  } else if (tls?.rejectUnauthorized === false) {
    verdict = result(
      'warn',
      'not verified: TLS verification is off',
      `anyone on the network path can read the password; ${pinHint}`,
    );
  } else if (!facts.chainTrusted) {
    const by = tls?.ca !== undefined ? 'the given CA certificate' : "Node's CA store";
    verdict = result(
      'fail',
      `not trusted by ${by}: ${facts.chainError ?? 'unknown reason'}`,
      certificate.selfSigned
        ? `EM's certificate is self-signed by default: ${pinHint}, or trust it with ${caAdvice('its PEM', pinPlace)}`
        : `${pinHint}, or trust its issuer with ${caAdvice("the CA's PEM", pinPlace)}`,
    );
  } else if (facts.hostnameError !== undefined) {
    verdict = result(
      'fail',
      `the certificate is not for ${host} (it names ${certificateNames(certificate)})`,
      `connect with a name the certificate holds (${certificate.subjectAltName ?? certificate.commonName ?? 'see SANs'}), or ${pinHint}`,
    );
  } else {
    verdict = result(
      'pass',
      `trusted by ${tls?.ca !== undefined ? 'the given CA certificate' : "Node's CA store"}`,
    );
  }
  const daysLeft = (certificate.validTo.getTime() - now.getTime()) / DAY_MS;
  if (verdict.status === 'pass' && daysLeft < EXPIRY_WARNING_DAYS) {
    return result(
      'warn',
      `${verdict.message.replace(/ \([^)]*\)$/, '')}, but it expires ${relativeDays(certificate.validTo, now)}`,
      `renew EM's certificate before ${certificate.validTo.toISOString().slice(0, 10)}${tls?.fingerprint256 !== undefined ? ', then pin the new one' : ''}`,
    );
  }
  return verdict;
}

/** EM's own error, from its REST API service: EM, but failing (503 while it starts or stops). */
const isEmOwnFailure = (answer: ApiAnswer): boolean =>
  answer.root === 'Error' && answer.status >= 500;

function apiVerdict(answer: ApiAnswer, endpoint: Endpoint): CheckResult {
  if (answer.status === 200 && answer.root === 'EnterpriseManager') {
    if (answer.versions.length === 0) {
      return fail(
        'Enterprise Manager answers but lists no API version',
        'check the EM installation (its REST API service)',
      );
    }
    return pass(`Enterprise Manager, API versions ${answer.versions.join(', ')}`);
  }
  if (isEmOwnFailure(answer)) {
    const text = toSingleLine(answer.errorMessage ?? '');
    const message = text === '' ? '' : `: ${text.length <= 200 ? text : `${text.slice(0, 199)}…`}`;
    return fail(
      `${answer.status === 503 ? 'EM is unavailable' : 'EM failed'}: GET ${endpoint.apiBase.pathname} answered ${answer.status}${message}`,
      "EM's REST API service answered with its own error: it may be starting or restarting (try again in a minute); if it goes on, see its log on the EM server and restart the service",
    );
  }
  const what = answer.root
    ? `<${answer.root}>`
    : answer.bodyBytes === 0
      ? 'no body'
      : `${answer.bodyBytes} bytes of ${answer.contentType || 'no stated type'}`;
  const vbr =
    endpoint.url.port === VBR_REST_PORT ? ' Port 9419 is the Backup & Replication REST API.' : '';
  return fail(
    `GET ${endpoint.apiBase.pathname} answered ${answer.status} with ${what}: not Enterprise Manager`,
    `${EM_PORTS_HINT}; is ${endpoint.host} the EM server?${vbr}`,
  );
}

function apiFailure(error: unknown, endpoint: Endpoint, timeoutMs: number): CheckResult {
  const code = errorCode(error);
  if (error instanceof PinMismatch) {
    return fail(
      error.message,
      'something else than the inspected server answered; check load balancers and proxies',
    );
  }
  if (error instanceof ProbeTimeout) {
    return fail(
      `GET ${endpoint.apiBase.pathname} got no answer within ${describeMs(timeoutMs)}`,
      'is the EM REST API service running? a larger --timeout helps with a slow EM',
    );
  }
  if (code !== undefined && isTlsFailureCode(code)) {
    return fail(`TLS failed: ${errorText(error)} (${code})`, EM_PORTS_HINT);
  }
  if (error instanceof ClosedUnanswered && !endpoint.https) {
    return fail(
      `GET ${endpoint.apiBase.pathname} failed: ${errorText(error)}${code ? ` (${code})` : ''}`,
      httpsPortHint(endpoint.url.href),
    );
  }
  return fail(
    `GET ${endpoint.apiBase.pathname} failed: ${errorText(error)}${code ? ` (${code})` : ''}`,
    EM_PORTS_HINT,
  );
}

function clockVerdict(answer: ApiAnswer): CheckResult {
  if (answer.date === undefined)
    return { status: 'warn', message: 'EM sent no Date header; the clocks were not compared' };
  const server = Date.parse(answer.date);
  if (Number.isNaN(server))
    return {
      status: 'warn',
      message: `EM's Date header ${JSON.stringify(answer.date)} does not parse`,
    };
  // The header has whole seconds: a local clock up to 1 s ahead is in sync.
  const skewSeconds = (answer.receivedAt.getTime() - server) / 1000;
  const apart = Math.abs(skewSeconds);
  if (apart < 2) return pass(`this machine and EM agree (EM: ${answer.date})`);
  const text = `this machine's clock is ${formatDuration(apart)} ${skewSeconds > 0 ? 'ahead of' : 'behind'} EM's`;
  if (apart <= CLOCK_SKEW_LIMIT_SECONDS) return pass(text);
  return {
    status: 'warn',
    message: text,
    hint: "sync both clocks (NTP): certificate dates, report windows (--since) and ages use this machine's clock, EM dates its sessions with its own",
  };
}

/**
 * Logon with the resolved credentials, then a request only an account with an EM role may make,
 * then a query as the data commands make it. `proxy` names the proxy variable the client follows,
 * if any: the checks before connected directly, so a connection failure here is the proxy's more
 * likely than EM's.
 */
async function checkAccount(
  run: Run,
  client: EmClient,
  proxy: string | undefined,
  passwordSource: string | undefined,
  now: () => Date,
): Promise<void> {
  try {
    const logon = await client.logon();
    run.add('Logon', pass(`logged on as ${logon.userName} with API ${logon.apiVersion}`));
  } catch (error) {
    run.rethrowAbort(error);
    const described = describeError(error, 'doctor', { passwordSource });
    const throughProxy =
      proxy !== undefined && (error instanceof NetworkError || error instanceof TimeoutError);
    run.add(
      'Logon',
      fail(
        described.line,
        throughProxy
          ? `${proxy} is set: vbem's requests go through it (unless NO_PROXY excludes EM), while the checks above connected directly: check the proxy`
          : described.hint,
      ),
    );
    run.add('Role', skip('not logged on'));
    run.add('Query', skip('not logged on'));
    return;
  }
  try {
    const jobs = await client.jobs.list();
    run.add(
      'Role',
      pass(`the account has an EM role: it sees ${jobs.length} job${jobs.length === 1 ? '' : 's'}`),
    );
  } catch (error) {
    run.rethrowAbort(error);
    const described = describeError(error, 'doctor');
    run.add(
      'Role',
      error instanceof PermissionError
        ? fail(
            'EM refused to list jobs (403): the account has no Enterprise Manager role',
            `${described.hint} (EM web UI: Configuration > Roles)`,
          )
        : fail(described.line, described.hint),
    );
    // EM refuses the query for the same reason, and an EM that did not answer the jobs would
    // hold the doctor through another round of retries: one failure, said once.
    run.add(
      'Query',
      skip(
        error instanceof PermissionError
          ? 'the account has no EM role (see Role)'
          : 'EM did not list the jobs (see Role)',
      ),
    );
    return;
  }
  try {
    run.add('Query', await checkQuery(client, now()));
  } catch (error) {
    run.rethrowAbort(error);
    run.add('Query', queryFailure(error));
  }
}

/** The network checks, from DNS to `GET /api/`; returns EM's answer when there was one. */
async function checkNetwork(
  run: Run,
  reach: Reach,
  now: () => Date,
): Promise<ApiAnswer | undefined> {
  const { endpoint, tls } = reach;
  const connectMs = Math.min(reach.timeoutMs, CONNECT_TIMEOUT_MS);
  let addresses: readonly string[];
  try {
    const answer = await lookupHost(endpoint.host, connectMs, run.signal);
    addresses = answer.addresses;
    run.add(
      'DNS',
      pass(
        answer.literal
          ? `${endpoint.host} is an IP address; nothing to look up`
          : `${endpoint.host} is ${addresses.join(', ')} (${describeMs(answer.ms)})`,
      ),
    );
  } catch (error) {
    run.rethrowAbort(error);
    run.add('DNS', lookupFailure(endpoint.host, error));
    run.skipAfter('DNS', 'the host name does not resolve');
    return undefined;
  }

  let connected: string | undefined;
  let failure: CheckResult | undefined;
  for (const address of addresses) {
    try {
      const ms = await connectTcp(address, endpoint.port, connectMs, run.signal);
      connected = address;
      run.add(
        'TCP',
        pass(
          `connected to ${address.includes(':') ? `[${address}]` : address}:${endpoint.port} in ${describeMs(ms)}`,
        ),
      );
      break;
    } catch (error) {
      run.rethrowAbort(error);
      failure ??= connectFailure(endpoint, address, error, connectMs);
    }
  }
  if (connected === undefined) {
    run.add('TCP', failure ?? fail(`no address to connect to for ${endpoint.host}`));
    run.skipAfter('TCP', 'no TCP connection');
    return undefined;
  }

  if (!endpoint.https) {
    run.add(
      'TLS',
      skip(
        'http: no TLS, so the password and the data cross the network unencrypted (EM serves https on 9398)',
      ),
    );
  } else if (reach.tlsUnresolved !== undefined) {
    run.add('TLS', skip(reach.tlsUnresolved));
    run.skipAfter('TLS', reach.tlsUnresolved);
    return undefined;
  } else {
    let verdict: CheckResult;
    try {
      const facts = await inspectTls({
        host: endpoint.host,
        port: endpoint.port,
        ca: caList(tls),
        timeoutMs: connectMs,
        signal: run.signal,
      });
      verdict = tlsVerdict(facts, tls, endpoint.host, now(), reach.pinPlace);
    } catch (error) {
      run.rethrowAbort(error);
      const code = errorCode(error);
      verdict = fail(
        `no TLS handshake with ${endpoint.host}:${endpoint.port}: ${errorText(error)}${code ? ` (${code})` : ''}`,
        code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO'
          ? `the port may speak plain http: ${EM_PORTS_HINT}`
          : EM_PORTS_HINT,
      );
    }
    run.add('TLS', verdict);
    if (verdict.status === 'fail') {
      run.skipAfter('TLS', 'needs a trusted TLS connection (see TLS)');
      return undefined;
    }
  }

  try {
    const answer = await getApiRoot({
      apiBase: endpoint.apiBase,
      ca: caList(tls),
      fingerprint256: tls?.fingerprint256,
      verify: tls?.rejectUnauthorized !== false,
      timeoutMs: reach.timeoutMs,
      signal: run.signal,
      now,
    });
    const verdict = run.add('EM API', apiVerdict(answer, endpoint));
    if (verdict.status === 'fail') {
      run.skipAfter(
        'EM API',
        isEmOwnFailure(answer)
          ? 'EM API answered with an error'
          : 'EM API did not answer as Enterprise Manager',
      );
      return undefined;
    }
    return answer;
  } catch (error) {
    run.rethrowAbort(error);
    run.add('EM API', apiFailure(error, endpoint, reach.timeoutMs));
    run.skipAfter('EM API', 'EM API did not answer');
    return undefined;
  }
}

/** The Settings check of a resolved target, and the proxy variable its requests would follow. */
function settingsOf(
  target: Target,
  env: CommandContext['io']['env'],
): { settings: CheckResult; proxy: string | undefined } {
  const https = /^https:/i.test(String(target.options.url));
  const proxy = proxyVariable(env, https);
  const settings = pass(
    `${target.name}: user ${target.options.username}${https ? `, ${tlsMode(target.options.tls)}` : ''}`,
    proxy === undefined
      ? undefined
      : [
          [
            'proxy',
            `${proxy} is set: vbem's requests may go through it (unless NO_PROXY says otherwise); these checks connect directly`,
          ],
        ],
  );
  return { settings, proxy };
}

/** What the checks after Settings start from. */
interface Resolution {
  /** The target to log on to; none when the settings failed (no credentials). */
  readonly target: Target | undefined;
  readonly settings: CheckResult;
  readonly proxy: string | undefined;
  /** The URL, checked already (from the command line), or its text to check. */
  readonly url: ReturnType<typeof checkUrl> | string | undefined;
  /**
   * What the network checks use when there is no `target`: a profile's own TLS settings and
   * timeout (under --all, when its password failed), or why it has none; else the flags'.
   */
  readonly network?:
    | { readonly tls: TlsOptions | undefined; readonly timeoutMs: number | undefined }
    | { readonly unresolved: string };
  /** The profile the settings came from, if any: a pin goes there (see pinPlaceOf). */
  readonly profile?: ProfilePlace | undefined;
}

/**
 * Where the TLS hints say to pin EM's certificate: the profile the settings came from (every EM
 * under --all, which refuses --fingerprint), unless --fingerprint pinned it; else the command line.
 */
function pinPlaceOf(
  profile: ProfilePlace | undefined,
  tls: TlsOptions | undefined,
  flags: ConnectionFlags,
): PinPlace | undefined {
  if (profile === undefined || flags.fingerprint !== undefined) return undefined;
  if (tls?.fingerprint256 !== undefined) return { profile, replaces: 'fingerprint' };
  if (tls?.rejectUnauthorized === false && !flags.insecure) {
    return { profile, replaces: 'insecure' };
  }
  return { profile };
}

/** The checks from the URL on, once the settings were resolved (or failed). */
async function checkResolved(
  run: Run,
  context: CommandContext,
  flags: ConnectionFlags,
  { target, settings, proxy, url, network, profile }: Resolution,
): Promise<void> {
  if (url === undefined) {
    run.add('URL', skip('no URL (see Settings)'));
    run.add('Settings', settings);
    run.skipAfter('Settings', 'no URL to check');
    return;
  }
  const checkedUrl = typeof url === 'string' ? checkUrl(url) : url;
  run.add('URL', checkedUrl.result);
  run.add('Settings', settings);
  const endpoint = checkedUrl.endpoint;
  if (!endpoint) {
    run.skipAfter('Settings', 'fix the URL first');
    return;
  }

  const settled: Reach = target
    ? { endpoint, tls: target.options.tls, timeoutMs: target.options.timeout ?? DEFAULT_TIMEOUT_MS }
    : network === undefined
      ? {
          endpoint,
          // Over http there is no certificate: a --ca or --fingerprint (refused in Settings) checks nothing.
          tls: endpoint.https ? await tlsOfFlags(flags) : undefined,
          timeoutMs: timeoutOf(flags) ?? DEFAULT_TIMEOUT_MS,
        }
      : 'unresolved' in network
        ? {
            endpoint,
            tls: undefined,
            timeoutMs: DEFAULT_TIMEOUT_MS,
            tlsUnresolved: network.unresolved,
          }
        : { endpoint, tls: network.tls, timeoutMs: network.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const reach: Reach = { ...settled, pinPlace: pinPlaceOf(profile, settled.tls, flags) };
  const answer = await checkNetwork(run, reach, context.io.now);
  if (!answer) return;

  if (target) {
    // One attempt a request, as the probes above make: a stalled query retried would hold the
    // doctor for minutes (4 attempts of --timeout), and a failure retried away is one not shown.
    const client = context.client({
      ...target,
      options: { ...target.options, retry: { ...target.options.retry, limit: 0 } },
    });
    try {
      await checkAccount(run, client, proxy, target.passwordSource, context.io.now);
    } finally {
      await client.close();
    }
  } else {
    run.add('Logon', skip('the settings failed (see Settings)'));
    run.add('Role', skip('not logged on'));
    run.add('Query', skip('not logged on'));
  }
  run.add('Clock', clockVerdict(answer));
}

/**
 * `vbem doctor`: the checklist from the URL to the account's role, a query and the clocks, on stdout.
 * Returns the number of failed checks. A check that cannot run for an earlier failure is skipped
 * with the reason; warnings do not fail the run. `--all` is doctorOfEveryEm's.
 */
export async function runDoctor(context: CommandContext, flags: ConnectionFlags): Promise<number> {
  // A flag the demo would ignore is the command line's mistake, as for every other command.
  if (flags.demo) demoRequestSettings(flags);
  const io = context.io;
  const run = new Run(context, io);
  const finish = () => {
    io.stdout.write(run.list.summary());
    return run.list.failed;
  };

  // A URL on the command line is checked first: a wrong one fails fast, before any password.
  const givenUrl = flags.demo ? undefined : flags.url;
  const checkedUrl = givenUrl === undefined ? undefined : checkUrl(givenUrl);
  if (checkedUrl && !checkedUrl.endpoint) {
    run.add('URL', checkedUrl.result);
    run.skipAfter('URL', 'fix the URL first');
    return finish();
  }

  let target: Target | undefined;
  let settings: CheckResult;
  let proxy: string | undefined;
  try {
    const targets = await context.targets(flags);
    if (targets.length !== 1 || targets[0] === undefined) {
      throw new UsageError('doctor checks one EM', 'give --profile NAME or --url');
    }
    target = targets[0];
    ({ settings, proxy } = settingsOf(target, io.env));
  } catch (error) {
    run.rethrowAbort(error);
    const described = describeError(error, 'doctor');
    settings = fail(described.line, described.hint);
  }
  const url = checkedUrl ?? (target ? String(target.options.url) : io.env.VBEM_URL || undefined);
  await checkResolved(run, context, flags, {
    target,
    settings,
    proxy,
    url,
    profile: target?.profile,
  });
  return finish();
}

/** One EM's checklist under `--all`: its header line, its checks and its closing line. */
export interface EmDoctor {
  readonly text: string;
  readonly failed: number;
}

/**
 * The doctor of one profile of `--all`, its checklist kept in `text` (printed with the others',
 * in the config file's order). A profile whose password or CA file failed fails Settings with
 * that error and is not logged on to. Its network checks still run, with its own TLS settings
 * and timeout when only its password failed; when its TLS settings failed, up to TCP.
 */
export async function doctorOfTarget(
  context: CommandContext,
  flags: ConnectionFlags,
  target: Target,
): Promise<EmDoctor> {
  let text = '';
  const stdout = context.io.stdout;
  // The terminal's facts (colour, width) are the real stdout's; the text waits for its turn.
  const io = {
    ...context.io,
    stdout: {
      write: (chunk: string) => {
        text += chunk;
        return true;
      },
      isTTY: stdout.isTTY,
      columns: stdout.columns,
    },
  };
  const run = new Run(context, io);
  io.stdout.write(`EM ${target.name}\n`);
  let resolution: Resolution;
  if (target.failure) {
    const described = describeError(target.failure, 'doctor');
    // The profile's TLS settings, never the command line's: --all takes no --fingerprint.
    const timeoutMs = target.options.timeout;
    resolution = {
      target: undefined,
      settings: fail(described.line, described.hint),
      proxy: undefined,
      url: String(target.options.url),
      network:
        target.failedSetting === 'password'
          ? { tls: target.options.tls, timeoutMs }
          : { unresolved: "the profile's TLS settings failed (see Settings)" },
      profile: target.profile,
    };
  } else {
    resolution = {
      target,
      ...settingsOf(target, io.env),
      url: String(target.options.url),
      profile: target.profile,
    };
  }
  await checkResolved(run, context, flags, resolution);
  io.stdout.write(run.list.summary());
  return { text, failed: run.list.failed };
}
