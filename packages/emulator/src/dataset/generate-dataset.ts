import {
  type EnumTypeDescriptor,
  JobSessionState,
  JobSessionStateDescriptor,
  JobType,
  type KnownJobType,
  type KnownPlatform,
  Platform,
  SessionResult,
  SessionResultDescriptor,
  TaskSessionState,
  TaskSessionStateDescriptor,
} from '@vbem/model';
import type {
  BackupServerRecord,
  Dataset,
  DatasetOptions,
  JobRecord,
  JobSessionTable,
  RestoreSessionRecord,
  TaskSessionRecord,
} from './dataset.js';
import { hashKeys, SeededRandom, scramble32, unscramble32 } from './seeded-random.js';

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

/** The default of every option but `now`, which defaults to the time of generation. */
export const DEFAULT_DATASET_OPTIONS: Readonly<Required<Omit<DatasetOptions, 'now'>>> =
  Object.freeze({
    seed: 1,
    servers: 2,
    jobs: 24,
    days: 45,
    sessionsPerDay: 1,
    vmsPerJob: 4,
    failureRate: 0.06,
    warningRate: 0.05,
    retryRate: 0.7,
    runningSessions: 2,
    restoreSessions: 20,
  });

/** Task session GUIDs carry the VM index in 16 bits. */
const MAX_VMS_PER_JOB = 0xffff;
const MAX_SESSIONS_PER_DAY = 24 * 60;
/** Keeps rows within Uint32 and the table within a few GB even with every run retried. */
const MAX_SCHEDULED_RUNS = 50_000_000;

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (Number.isInteger(value) && value >= min && value <= max) return;
  const expected =
    min === 0 && max === Number.MAX_SAFE_INTEGER
      ? 'a non-negative integer'
      : `an integer from ${min} to ${max}`;
  throw new RangeError(`DatasetOptions.${name} must be ${expected}, got ${String(value)}`);
}

function requireRate(name: string, value: number): void {
  if (typeof value === 'number' && value >= 0 && value <= 1) return;
  throw new RangeError(`DatasetOptions.${name} must be a number from 0 to 1, got ${String(value)}`);
}

function resolveOptions(options: DatasetOptions): Required<DatasetOptions> {
  const defaults = DEFAULT_DATASET_OPTIONS;
  const resolved: Required<DatasetOptions> = {
    seed: options.seed ?? defaults.seed,
    now: options.now ?? new Date(),
    servers: options.servers ?? defaults.servers,
    jobs: options.jobs ?? defaults.jobs,
    days: options.days ?? defaults.days,
    sessionsPerDay: options.sessionsPerDay ?? defaults.sessionsPerDay,
    vmsPerJob: options.vmsPerJob ?? defaults.vmsPerJob,
    failureRate: options.failureRate ?? defaults.failureRate,
    warningRate: options.warningRate ?? defaults.warningRate,
    retryRate: options.retryRate ?? defaults.retryRate,
    runningSessions: options.runningSessions ?? defaults.runningSessions,
    restoreSessions: options.restoreSessions ?? defaults.restoreSessions,
  };
  const anyCount = Number.MAX_SAFE_INTEGER;
  requireInteger('seed', resolved.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (!(resolved.now instanceof Date) || Number.isNaN(resolved.now.getTime())) {
    throw new RangeError(`DatasetOptions.now must be a valid Date, got ${String(resolved.now)}`);
  }
  requireInteger('servers', resolved.servers, 0, anyCount);
  requireInteger('jobs', resolved.jobs, 0, anyCount);
  requireInteger('days', resolved.days, 0, anyCount);
  requireInteger('sessionsPerDay', resolved.sessionsPerDay, 0, MAX_SESSIONS_PER_DAY);
  requireInteger('vmsPerJob', resolved.vmsPerJob, 1, MAX_VMS_PER_JOB);
  requireRate('failureRate', resolved.failureRate);
  requireRate('warningRate', resolved.warningRate);
  requireRate('retryRate', resolved.retryRate);
  requireInteger('runningSessions', resolved.runningSessions, 0, anyCount);
  requireInteger('restoreSessions', resolved.restoreSessions, 0, anyCount);

  if (resolved.failureRate + resolved.warningRate > 1) {
    throw new RangeError(
      `DatasetOptions.failureRate + warningRate must not exceed 1, got ${resolved.failureRate} + ${resolved.warningRate}`,
    );
  }
  if (resolved.jobs > 0 && resolved.servers === 0) {
    throw new RangeError(
      `DatasetOptions.servers must be at least 1 to hold ${resolved.jobs} jobs, got 0`,
    );
  }
  if (resolved.runningSessions > resolved.jobs) {
    throw new RangeError(
      `DatasetOptions.runningSessions must not exceed jobs (${resolved.jobs}): each running session is its own job's, got ${resolved.runningSessions}`,
    );
  }
  if (resolved.restoreSessions > 0 && resolved.jobs === 0) {
    throw new RangeError(
      `DatasetOptions.restoreSessions must be 0 without jobs: restores need backed-up VMs, got ${resolved.restoreSessions}`,
    );
  }
  const scheduledRuns = resolved.jobs * resolved.days * resolved.sessionsPerDay;
  if (scheduledRuns > MAX_SCHEDULED_RUNS) {
    throw new RangeError(
      `DatasetOptions.jobs × days × sessionsPerDay must not exceed ${MAX_SCHEDULED_RUNS} scheduled runs, got ${scheduledRuns}`,
    );
  }
  return { ...resolved, now: new Date(resolved.now.getTime()) };
}

// ---------------------------------------------------------------------------------------------
// Enum ordinals, streams, GUIDs
// ---------------------------------------------------------------------------------------------

function ordinalOf(descriptor: EnumTypeDescriptor, value: string): number {
  const ordinal = descriptor.values.indexOf(value);
  if (ordinal < 0) throw new Error(`@vbem/model's ${descriptor.name} has no value ${value}`);
  return ordinal;
}

const WORKING = ordinalOf(JobSessionStateDescriptor, JobSessionState.Working);
const STOPPED = ordinalOf(JobSessionStateDescriptor, JobSessionState.Stopped);
const SUCCESS = ordinalOf(SessionResultDescriptor, SessionResult.Success);
const WARNING = ordinalOf(SessionResultDescriptor, SessionResult.Warning);
const FAILED = ordinalOf(SessionResultDescriptor, SessionResult.Failed);
const TASK_IN_PROGRESS = ordinalOf(TaskSessionStateDescriptor, TaskSessionState.InProgress);
const TASK_PENDING = ordinalOf(TaskSessionStateDescriptor, TaskSessionState.Pending);
const TASK_COMPLETED = ordinalOf(TaskSessionStateDescriptor, TaskSessionState.Completed);

/** Independent random streams, so that e.g. one session's tasks do not depend on other sessions. */
const Stream = {
  Jobs: 1,
  JobSessions: 2,
  RunningSessions: 3,
  TaskSessions: 4,
  RestoreSessions: 5,
  VmIdentity: 6,
} as const;

const GuidKind = {
  BackupServer: 0x10,
  Job: 0x11,
  JobSession: 0x12,
  TaskSession: 0x13,
  RestoreSession: 0x14,
  VirtualizationHost: 0x15,
  VmObject: 0x16,
} as const;
type GuidKind = (typeof GuidKind)[keyof typeof GuidKind];

interface GuidCodec {
  format(index: number, sub?: number): string;
  /** The index and sub-index of a GUID this codec formats, or undefined for any other string. */
  parse(id: string): { readonly index: number; readonly sub: number } | undefined;
}

const hex = (value: number, digits: number): string =>
  (value >>> 0).toString(16).padStart(digits, '0');

/**
 * Version-4-shaped GUIDs derived from the seed, a kind and an index (a row), plus a 16-bit
 * sub-index (a VM of a session). The last 12 hex digits encode both, invertibly: 8 digits hold
 * the index, mixed with the sub-index and scrambled; the 4 before them hold the sub-index masked
 * by those 8. `parse` decodes them, then formats again and compares, which rejects foreign GUIDs.
 */
function guidCodec(seed: number, kind: GuidKind): GuidCodec {
  const indexKey = hashKeys([seed, kind]);
  const subKeyOf = (sub: number): number => hashKeys([seed, kind, -1, sub]);
  const subMaskOf = (scrambled: number): number => hashKeys([seed, kind, -2, scrambled]) & 0xffff;
  const format = (index: number, sub = 0): string => {
    const scrambled = scramble32(index ^ subKeyOf(sub), indexKey);
    const first = hashKeys([seed, kind, index, sub, 0]);
    const second = hashKeys([seed, kind, index, sub, 1]);
    const third = hashKeys([seed, kind, index, sub, 2]);
    return (
      `${hex(first, 8)}-${hex(second >>> 16, 4)}-${hex(0x4000 | (second & 0x0fff), 4)}-` +
      `${hex(0x8000 | (third & 0x3fff), 4)}-` +
      `${hex((sub ^ subMaskOf(scrambled)) & 0xffff, 4)}${hex(scrambled, 8)}`
    );
  };
  const parse = (id: string): { index: number; sub: number } | undefined => {
    if (id.length !== 36) return undefined;
    const guid = id.toLowerCase();
    const scrambled = Number.parseInt(guid.slice(28), 16) >>> 0;
    const sub = (Number.parseInt(guid.slice(24, 28), 16) ^ subMaskOf(scrambled)) & 0xffff;
    const index = (unscramble32(scrambled, indexKey) ^ subKeyOf(sub)) >>> 0;
    return format(index, sub) === guid ? { index, sub } : undefined;
  };
  return { format, parse };
}

// ---------------------------------------------------------------------------------------------
// Catalogue: what the protected estate is called
// ---------------------------------------------------------------------------------------------

interface Workload {
  /** First words of the job name, e.g. `SQL` in `SQL Backup`. */
  readonly label: string;
  /** Host name prefix of the machines it protects, e.g. `sql` for `sql01`. */
  readonly host: string;
  /** For agent workloads: the agent's platform. */
  readonly platform?: KnownPlatform;
  /** For file share workloads: the share name; objects are `\\<host><nn>.example.com\<share>`. */
  readonly share?: string;
}

interface JobProfile {
  readonly jobType: KnownJobType;
  /** Share of all jobs (Backup takes what the others leave). */
  readonly share: number;
  /** Last words of the job name, e.g. `Replication`. */
  readonly nameSuffix: string;
  readonly workloads: readonly Workload[];
  /** Platforms to pick from uniformly; repeated entries weigh more. */
  readonly platforms: readonly KnownPlatform[];
}

const VM_WORKLOADS: readonly Workload[] = [
  { label: 'SQL', host: 'sql' },
  { label: 'Exchange', host: 'exch' },
  { label: 'Domain Controllers', host: 'dc' },
  { label: 'Fileserver', host: 'fs' },
  { label: 'Web Farm', host: 'web' },
  { label: 'SharePoint', host: 'sp' },
  { label: 'ERP', host: 'erp' },
  { label: 'Citrix', host: 'ctx' },
  { label: 'Linux Servers', host: 'lnx' },
  { label: 'Oracle', host: 'ora' },
  { label: 'Dev VMs', host: 'dev' },
  { label: 'Print Servers', host: 'prn' },
  { label: 'Monitoring', host: 'mon' },
  { label: 'CRM', host: 'crm' },
  { label: 'Jump Hosts', host: 'jump' },
  { label: 'Finance Apps', host: 'fin' },
  { label: 'HR Apps', host: 'hr' },
  { label: 'Kubernetes Nodes', host: 'k8s' },
  { label: 'Mail Gateways', host: 'mx' },
  { label: 'Build Agents', host: 'build' },
];

const AGENT_WORKLOADS: readonly Workload[] = [
  { label: 'Physical SQL', host: 'psql', platform: Platform.AgentForWindows },
  { label: 'Laptops', host: 'lt', platform: Platform.AgentForWindows },
  { label: 'Workstations', host: 'ws', platform: Platform.AgentForWindows },
  { label: 'Branch Servers', host: 'branch', platform: Platform.AgentForWindows },
  { label: 'Linux Hosts', host: 'lhost', platform: Platform.AgentForLinux },
  { label: 'Database Hosts', host: 'dbhost', platform: Platform.AgentForLinux },
];

const SHARE_WORKLOADS: readonly Workload[] = [
  { label: 'Projects Share', host: 'nas', share: 'Projects' },
  { label: 'Home Drives', host: 'nas', share: 'Home' },
  { label: 'Engineering NAS', host: 'nas', share: 'Engineering' },
  { label: 'Archive Share', host: 'nas', share: 'Archive' },
  { label: 'Marketing Share', host: 'nas', share: 'Marketing' },
];

/** VMware 7 : Hyper-V 2 : vCloud 1. */
const VIRTUAL_PLATFORMS: readonly KnownPlatform[] = [
  ...Array<KnownPlatform>(7).fill(Platform.VMware),
  ...Array<KnownPlatform>(2).fill(Platform.HyperV),
  Platform.vCloud,
];

const BACKUP_PROFILE: JobProfile = {
  jobType: JobType.Backup,
  share: 0.58,
  nameSuffix: 'Backup',
  workloads: VM_WORKLOADS,
  platforms: VIRTUAL_PLATFORMS,
};

/** Every job type with job sessions but Backup; each appears at least once from 8 jobs on. */
const OTHER_PROFILES: readonly JobProfile[] = [
  {
    jobType: JobType.BackupCopy,
    share: 0.12,
    nameSuffix: 'Backup Copy',
    workloads: VM_WORKLOADS,
    platforms: [Platform.CustomPlatform],
  },
  {
    jobType: JobType.Replica,
    share: 0.1,
    nameSuffix: 'Replication',
    workloads: VM_WORKLOADS,
    platforms: [Platform.VMware, Platform.VMware, Platform.HyperV],
  },
  {
    jobType: JobType.AgentBackup,
    share: 0.1,
    nameSuffix: 'Agent Backup',
    workloads: AGENT_WORKLOADS,
    platforms: [Platform.AgentForWindows],
  },
  {
    jobType: JobType.NasBackup,
    share: 0.05,
    nameSuffix: 'Backup',
    workloads: SHARE_WORKLOADS,
    platforms: [Platform.CustomPlatform],
  },
  {
    jobType: JobType.ImmediateBackupCopy,
    share: 0.05,
    nameSuffix: 'Immediate Copy',
    workloads: VM_WORKLOADS,
    platforms: [Platform.CustomPlatform],
  },
];

const ALL_TYPES_FROM_JOBS = 8;

const SITES = ['HQ', 'London', 'Frankfurt', 'Dallas', 'Singapore', 'Sydney', 'Toronto', 'Madrid'];

const SERVER_VERSIONS = ['13.0.1.1071', '13.0.1.1071', '12.3.2.3617'];

const pad2 = (value: number): string => String(value).padStart(2, '0');

/** What a failure or warning message may mention. */
interface ReasonContext {
  readonly jobName: string;
  readonly vmName: string;
  readonly platform: string;
  readonly serverIndex: number;
  readonly taskStart: number;
  readonly random: SeededRandom;
}

type ReasonScope = 'any' | 'vm' | 'agent' | 'share';

interface Reason {
  readonly scope: ReasonScope;
  /** The whole job is stuck (repository full or gone): every task processed after this one fails too. */
  readonly stopsJob?: boolean;
  readonly text: (context: ReasonContext) => string;
}

const repositoryOf = (context: ReasonContext): string =>
  `Repository ${pad2(context.serverIndex + 1)}`;

const hypervisorHostOf = (context: ReasonContext): string =>
  `${context.platform === Platform.HyperV ? 'hv' : 'esx'}${pad2(context.random.int(1, 12))}.example.com`;

/** `2025-06-05T030355`, the timestamp VBR puts in backup file names. */
const fileStampOf = (time: number): string =>
  new Date(time).toISOString().slice(0, 19).replaceAll(':', '');

const FAILURE_REASONS: readonly Reason[] = [
  {
    scope: 'any',
    stopsJob: true,
    text: (context) =>
      `Error: There is not enough space on the disk. Failed to write data to the file [E:\\Backups\\${context.jobName}\\${context.jobName}D${fileStampOf(context.taskStart)}_${hex(context.random.nextUint32() & 0xffff, 4).toUpperCase()}.vib]. Agent failed to process method {DataTransfer.SyncDisk}.`,
  },
  {
    scope: 'any',
    stopsJob: true,
    text: (context) =>
      `Error: Failed to connect to backup repository [${repositoryOf(context)}]. The RPC server is unavailable. RPC function call failed. Function name: [InvokeService].`,
  },
  {
    scope: 'vm',
    text: () => 'Failed to create VM snapshot. Error: Snapshot hierarchy is too deep.',
  },
  {
    scope: 'vm',
    text: (context) => `Error: Failed to connect to the host [${hypervisorHostOf(context)}].`,
  },
  {
    scope: 'vm',
    text: () =>
      'Failed to prepare guest for hot backup. Error: VSSControl: Failed to freeze guest, wait timeout',
  },
  {
    scope: 'vm',
    text: (context) =>
      `Error: Failed to open VDDK disk [[datastore${pad2(context.random.int(1, 8))}] ${context.vmName}/${context.vmName}.vmdk] ( is read-only mode - [true] ). Failed to download disk.`,
  },
  {
    scope: 'vm',
    text: (context) =>
      `Error: Object [${context.vmName}] was not found. It may have been removed from the virtual infrastructure.`,
  },
  {
    scope: 'agent',
    text: (context) =>
      `Error: Connection to the Veeam Agent on ${context.vmName} was lost. Unable to retrieve next block transmission command. Number of already processed blocks: [${context.random.int(100, 90_000)}].`,
  },
  {
    scope: 'agent',
    text: () =>
      'Error: Failed to create volume snapshot. Insufficient storage available to create either the shadow copy storage file or other shadow copy data. (VSS_E_INSUFFICIENT_STORAGE)',
  },
  {
    scope: 'share',
    text: (context) =>
      `Error: The network path was not found. Failed to enumerate the content of [${context.vmName}].`,
  },
  {
    scope: 'share',
    text: (context) =>
      `Error: Access is denied. Failed to read file [${context.vmName}\\Team ${context.random.int(1, 40)}\\budget.xlsx].`,
  },
];

const WARNING_REASONS: readonly Reason[] = [
  {
    scope: 'vm',
    text: () => 'Changed block tracking cannot be enabled: one or more snapshots present',
  },
  {
    scope: 'vm',
    text: (context) =>
      `Unable to truncate Microsoft SQL Server transaction logs. Details: Failed to connect to SQL Server instance [${context.vmName}\\MSSQLSERVER].`,
  },
  {
    scope: 'vm',
    text: () =>
      'Failed to inventory guest system: Veeam Guest Agent is not started. Guest processing skipped.',
  },
  {
    scope: 'any',
    text: (context) =>
      `Backup repository [${repositoryOf(context)}] is getting low on free disk space ([${context.random.int(20, 400)} GB] left of [${context.random.int(4, 60)} TB]).`,
  },
  {
    scope: 'agent',
    text: () =>
      'Changed block tracking driver is not installed: the whole volume is read to find changes.',
  },
  {
    scope: 'share',
    text: (context) =>
      `${context.random.int(2, 300)} files were skipped because they are in use by another process.`,
  },
];

const scopeOf = (jobType: string): ReasonScope =>
  jobType === JobType.AgentBackup ? 'agent' : jobType === JobType.NasBackup ? 'share' : 'vm';

const reasonsFor = (reasons: readonly Reason[], scope: ReasonScope): readonly Reason[] =>
  reasons.filter((reason) => reason.scope === 'any' || reason.scope === scope);

const FAILURE_REASONS_BY_SCOPE: ReadonlyMap<ReasonScope, readonly Reason[]> = new Map(
  (['vm', 'agent', 'share'] as const).map((scope) => [scope, reasonsFor(FAILURE_REASONS, scope)]),
);
const WARNING_REASONS_BY_SCOPE: ReadonlyMap<ReasonScope, readonly Reason[]> = new Map(
  (['vm', 'agent', 'share'] as const).map((scope) => [scope, reasonsFor(WARNING_REASONS, scope)]),
);

// ---------------------------------------------------------------------------------------------
// Backup servers and jobs
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

function generateBackupServers(count: number, codec: GuidCodec): BackupServerRecord[] {
  return Array.from({ length: count }, (_, index) => {
    const site = SITES[index % SITES.length] as string;
    return {
      id: codec.format(index),
      name: `vbr${pad2(index + 1)}.example.com`,
      description: `Veeam Backup & Replication server, ${site} data center`,
      port: 9392,
      version: SERVER_VERSIONS[index % SERVER_VERSIONS.length] as string,
    };
  });
}

/** How a job's runs turn out: rates per scheduled run, calibrated so that jobs average the options. */
interface JobBehaviour {
  /** Chance that the first run fails; the long-run share of failed runs. */
  readonly failure: number;
  /** Failures come in streaks: the chance after a failed run is higher, after a good run lower. */
  readonly failureAfterFailure: number;
  readonly failureAfterSuccess: number;
  readonly retryFailure: number;
  /** Chance that a run that did not fail ends with a warning. */
  readonly warningUnlessFailed: number;
}

/** How much failures stick: 0 means independent runs, 1 means a failing job never recovers. */
const FAILURE_STICKINESS = 0.4;

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Per-job rates whose mean is `rate`: each job's log-odds are shifted by its offset, then all by
 * the one constant (found by bisection) that brings the mean back to `rate`.
 */
function calibratedRates(rate: number, offsets: readonly number[]): number[] {
  if (rate <= 0 || rate >= 1 || offsets.length === 0) return offsets.map(() => rate);
  const baseLogOdds = Math.log(rate / (1 - rate));
  const meanAt = (shift: number): number =>
    offsets.reduce((sum, offset) => sum + logistic(baseLogOdds + offset + shift), 0) /
    offsets.length;
  let low = -30;
  let high = 30;
  for (let step = 0; step < 60; step++) {
    const middle = (low + high) / 2;
    if (meanAt(middle) < rate) low = middle;
    else high = middle;
  }
  const shift = (low + high) / 2;
  return offsets.map((offset) => logistic(baseLogOdds + offset + shift));
}

/** Log-odds offset of a job's failure chance: most jobs healthy, some flaky, a few broken. */
function failureOffset(random: SeededRandom): number {
  const draw = random.next();
  if (draw < 0.05) return 2.5 + random.next();
  if (draw < 0.2) return 1 + 0.5 * random.next();
  return -0.5 + 0.5 * random.next();
}

function warningOffset(random: SeededRandom): number {
  return random.chance(0.15) ? 1 + 0.5 * random.next() : -0.3 + 0.6 * random.next();
}

/** Job types in a shuffled order, proportional to the profile shares, all of them from 8 jobs. */
function jobProfiles(count: number, random: SeededRandom): JobProfile[] {
  const profiles: JobProfile[] = [];
  const atLeast = count >= ALL_TYPES_FROM_JOBS ? 1 : 0;
  for (const profile of OTHER_PROFILES) {
    const copies = Math.max(atLeast, Math.round(profile.share * count));
    for (let copy = 0; copy < copies; copy++) profiles.push(profile);
  }
  while (profiles.length < count) profiles.push(BACKUP_PROFILE);
  return random.shuffle(profiles);
}

/** `SQL Backup`, then `SQL Backup - London`, ..., then `SQL Backup - London 2`: unique per profile. */
function jobName(profile: JobProfile, workload: Workload, round: number): string {
  const base = `${workload.label} ${profile.nameSuffix}`;
  if (round === 0) return base;
  const site = SITES[(round - 1) % SITES.length] as string;
  const lap = Math.ceil(round / SITES.length);
  return lap === 1 ? `${base} - ${site}` : `${base} - ${site} ${lap}`;
}

function formatUsDateTime(time: number): string {
  const date = new Date(time);
  const hours = date.getUTCHours();
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${hours % 12 || 12}:${pad2(date.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
}

interface GeneratedJobs {
  readonly jobs: JobRecord[];
  readonly behaviours: JobBehaviour[];
}

function generateJobs(
  options: Required<DatasetOptions>,
  nowMs: number,
  codec: GuidCodec,
): GeneratedJobs {
  const random = new SeededRandom(options.seed, Stream.Jobs);
  const profiles = jobProfiles(options.jobs, random);
  const workloadOrder = new Map(
    [BACKUP_PROFILE, ...OTHER_PROFILES].map((profile) => [
      profile,
      random.shuffle([...profile.workloads]),
    ]),
  );
  const jobsOfProfile = new Map<JobProfile, number>();
  const objectsOfHost = new Map<string, number>();
  const historyStart = nowMs - options.days * DAY_MS;

  const jobs = profiles.map((profile, index): JobRecord => {
    const workloads = workloadOrder.get(profile) as Workload[];
    const sameProfile = jobsOfProfile.get(profile) ?? 0;
    jobsOfProfile.set(profile, sameProfile + 1);
    const workload = workloads[sameProfile % workloads.length] as Workload;
    const vmNames = Array.from({ length: options.vmsPerJob }, () => {
      const number = (objectsOfHost.get(workload.host) ?? 0) + 1;
      objectsOfHost.set(workload.host, number);
      return workload.share === undefined
        ? `${workload.host}${pad2(number)}`
        : `\\\\${workload.host}${pad2(number)}.example.com\\${workload.share}`;
    });
    const createdAt = historyStart - random.int(30, 900) * DAY_MS - random.int(0, DAY_MS - 1);
    // Nightly window 18:00 to 06:00, on 5-minute marks as admins schedule them.
    const startMinute = (18 * 60 + random.int(0, 143) * 5) % (24 * 60);
    const typicalMinutes = 2 + 118 * random.next() ** 2;
    return {
      id: codec.format(index),
      name: jobName(profile, workload, Math.floor(sameProfile / workloads.length)),
      jobType: profile.jobType,
      platform: workload.platform ?? random.pick(profile.platforms),
      serverIndex: index % options.servers,
      description: `Created by EXAMPLE\\svc.veeam at ${formatUsDateTime(createdAt)}.`,
      scheduleEnabled: true,
      startMinute,
      vmNames,
      typicalDurationSeconds: Math.round(typicalMinutes * 60),
    };
  });

  const failures = calibratedRates(
    options.failureRate,
    jobs.map(() => failureOffset(random)),
  );
  const warnings = calibratedRates(
    options.warningRate,
    jobs.map(() => warningOffset(random)),
  );
  const behaviours = failures.map((failure, index): JobBehaviour => {
    const failureAfterFailure = failure + FAILURE_STICKINESS * (1 - failure);
    const warning = warnings[index] as number;
    return {
      failure,
      failureAfterFailure,
      // Solves failure = stationary share of the two-state chain for the chance after a good run.
      failureAfterSuccess: (1 - FAILURE_STICKINESS) * failure,
      // A retry only reprocesses the failed VMs: it fails less often than a run after a failure.
      retryFailure: (failure + failureAfterFailure) / 2,
      warningUnlessFailed: failure >= 1 ? 0 : Math.min(1, warning / (1 - failure)),
    };
  });
  return { jobs, behaviours };
}

// ---------------------------------------------------------------------------------------------
// Job sessions
// ---------------------------------------------------------------------------------------------

const MAX_START_JITTER_MS = 90_000;
/** VBR's defaults: wait 10 minutes, then retry up to 3 times. */
const RETRY_WAIT_MS = 10 * MINUTE_MS;
const MAX_RETRIES = 3;
const MIN_RUN_MS = 15_000;
/** Active full backups run on Saturdays and take longer than the daily incrementals. */
const SATURDAY = 6;
const FULL_BACKUP_SLOWDOWN = 2.5;

interface JobSessionColumns {
  readonly count: number;
  readonly jobIndex: Uint32Array;
  readonly creationTime: Float64Array;
  readonly endTime: Float64Array;
  readonly state: Uint8Array;
  readonly result: Uint8Array;
  readonly progress: Uint8Array;
  readonly isRetry: Uint8Array;
}

/** Growable columns, filled job by job in generation order. */
class JobSessionColumnsBuilder {
  count = 0;
  jobIndex: Uint32Array;
  creationTime: Float64Array;
  endTime: Float64Array;
  state: Uint8Array;
  result: Uint8Array;
  progress: Uint8Array;
  isRetry: Uint8Array;

  constructor(capacity: number) {
    this.jobIndex = new Uint32Array(capacity);
    this.creationTime = new Float64Array(capacity);
    this.endTime = new Float64Array(capacity);
    this.state = new Uint8Array(capacity);
    this.result = new Uint8Array(capacity);
    this.progress = new Uint8Array(capacity);
    this.isRetry = new Uint8Array(capacity);
  }

  push(
    jobIndex: number,
    creationTime: number,
    endTime: number,
    state: number,
    result: number,
    progress: number,
    isRetry: number,
  ): void {
    const row = this.count;
    if (row === this.jobIndex.length) this.grow();
    this.jobIndex[row] = jobIndex;
    this.creationTime[row] = creationTime;
    this.endTime[row] = endTime;
    this.state[row] = state;
    this.result[row] = result;
    this.progress[row] = progress;
    this.isRetry[row] = isRetry;
    this.count = row + 1;
  }

  private grow(): void {
    const capacity = Math.max(16, Math.ceil(this.jobIndex.length * 1.5));
    const grown = <Column extends Uint8Array | Uint32Array | Float64Array>(
      column: Column,
      larger: Column,
    ): Column => {
      larger.set(column);
      return larger;
    };
    this.jobIndex = grown(this.jobIndex, new Uint32Array(capacity));
    this.creationTime = grown(this.creationTime, new Float64Array(capacity));
    this.endTime = grown(this.endTime, new Float64Array(capacity));
    this.state = grown(this.state, new Uint8Array(capacity));
    this.result = grown(this.result, new Uint8Array(capacity));
    this.progress = grown(this.progress, new Uint8Array(capacity));
    this.isRetry = grown(this.isRetry, new Uint8Array(capacity));
  }

  /** The rows sorted by creation time (ties in generation order), in exactly sized columns. */
  sortedByCreationTime(): JobSessionColumns {
    const count = this.count;
    const creationTime = this.creationTime;
    const order = new Uint32Array(count);
    for (let row = 0; row < count; row++) order[row] = row;
    order.sort((a, b) => (creationTime[a] as number) - (creationTime[b] as number) || a - b);
    const permuted = <Column extends Uint8Array | Uint32Array | Float64Array>(
      column: Column,
      target: Column,
    ): Column => {
      for (let row = 0; row < count; row++) target[row] = column[order[row] as number] as number;
      return target;
    };
    return {
      count,
      jobIndex: permuted(this.jobIndex, new Uint32Array(count)),
      creationTime: permuted(creationTime, new Float64Array(count)),
      endTime: permuted(this.endTime, new Float64Array(count)),
      state: permuted(this.state, new Uint8Array(count)),
      result: permuted(this.result, new Uint8Array(count)),
      progress: permuted(this.progress, new Uint8Array(count)),
      isRetry: permuted(this.isRetry, new Uint8Array(count)),
    };
  }
}

const dayOfWeek = (day: number): number => (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday

/** The end of a finished run; a run that would still be going at `now` is cut short. */
function finishedRunEnd(
  random: SeededRandom,
  start: number,
  nowMs: number,
  typicalMs: number,
  result: number,
): number {
  const durationMs =
    result === FAILED
      ? typicalMs * (0.05 + 0.7 * random.next())
      : random.spread(result === WARNING ? typicalMs * 1.15 : typicalMs, 0.3);
  const end = start + Math.max(MIN_RUN_MS, Math.round(durationMs));
  return end < nowMs ? end : start + Math.floor((nowMs - 1 - start) * (0.5 + 0.5 * random.next()));
}

/**
 * Every job session: per job, `days × sessionsPerDay` scheduled runs up to `now` (a run starts
 * only once the job's previous run ended, so runs of a job never overlap), retries of failed runs,
 * then `runningSessions` runs of distinct jobs still going at `now`, which start after every
 * other session.
 */
function generateJobSessions(
  options: Required<DatasetOptions>,
  nowMs: number,
  jobs: readonly JobRecord[],
  behaviours: readonly JobBehaviour[],
): JobSessionColumns {
  const runsPerDay = options.sessionsPerDay;
  const scheduledRuns = options.days * runsPerDay;
  const expectedRetries = scheduledRuns * options.failureRate * options.retryRate * 1.5;
  const builder = new JobSessionColumnsBuilder(
    Math.ceil(jobs.length * (scheduledRuns + expectedRetries)) + options.runningSessions + 16,
  );
  const lastEndOfJob = new Float64Array(jobs.length).fill(Number.NEGATIVE_INFINITY);
  let latestStart = Number.NEGATIVE_INFINITY;

  for (let jobIndex = 0; jobIndex < jobs.length && scheduledRuns > 0; jobIndex++) {
    const job = jobs[jobIndex] as JobRecord;
    const behaviour = behaviours[jobIndex] as JobBehaviour;
    const random = new SeededRandom(options.seed, Stream.JobSessions, jobIndex);
    const typicalMs = job.typicalDurationSeconds * 1000;
    const takesFullBackups = job.jobType === JobType.Backup;
    const phaseMs = job.startMinute * MINUTE_MS;
    // The last slot at or before now - 1 ms, so that every run starts strictly before `now`.
    const sinceFirstSlot = nowMs - 1 - phaseMs;
    const lastDay = Math.floor(sinceFirstSlot / DAY_MS);
    const lastSlot =
      lastDay * runsPerDay +
      Math.floor(((sinceFirstSlot - lastDay * DAY_MS) * runsPerDay) / DAY_MS);
    let busyUntil = Number.NEGATIVE_INFINITY;
    let failureChance = behaviour.failure;

    for (let slot = lastSlot - scheduledRuns + 1; slot <= lastSlot; slot++) {
      const day = Math.floor(slot / runsPerDay);
      const slotMs =
        day * DAY_MS + phaseMs + Math.floor(((slot - day * runsPerDay) * DAY_MS) / runsPerDay);
      let start =
        slotMs + Math.floor(random.next() * Math.min(MAX_START_JITTER_MS, nowMs - slotMs));
      if (start <= busyUntil) start = busyUntil + random.int(1_000, 60_000);
      if (start >= nowMs) break;

      const failed = random.chance(failureChance);
      failureChance = failed ? behaviour.failureAfterFailure : behaviour.failureAfterSuccess;
      const result = failed
        ? FAILED
        : random.chance(behaviour.warningUnlessFailed)
          ? WARNING
          : SUCCESS;
      const runTypicalMs =
        takesFullBackups && dayOfWeek(day) === SATURDAY
          ? typicalMs * FULL_BACKUP_SLOWDOWN
          : typicalMs;
      busyUntil = finishedRunEnd(random, start, nowMs, runTypicalMs, result);
      builder.push(jobIndex, start, busyUntil, STOPPED, result, 100, 0);
      latestStart = Math.max(latestStart, start);

      let attemptFailed = failed;
      for (let retry = 0; attemptFailed && retry < MAX_RETRIES; retry++) {
        if (!random.chance(options.retryRate)) break;
        const retryStart = busyUntil + RETRY_WAIT_MS + random.int(0, 59_999);
        if (retryStart >= nowMs) break;
        attemptFailed = random.chance(behaviour.retryFailure);
        const retryResult = attemptFailed
          ? FAILED
          : random.chance(behaviour.warningUnlessFailed)
            ? WARNING
            : SUCCESS;
        busyUntil = finishedRunEnd(random, retryStart, nowMs, typicalMs / 2, retryResult);
        builder.push(jobIndex, retryStart, busyUntil, STOPPED, retryResult, 100, 1);
        latestStart = Math.max(latestStart, retryStart);
      }
    }
    lastEndOfJob[jobIndex] = busyUntil;
  }

  const random = new SeededRandom(options.seed, Stream.RunningSessions);
  const runningJobs = random
    .shuffle(Array.from({ length: jobs.length }, (_, jobIndex) => jobIndex))
    .slice(0, options.runningSessions);
  for (const jobIndex of runningJobs) {
    const typicalMs = (jobs[jobIndex] as JobRecord).typicalDurationSeconds * 1000;
    const earliest = Math.max(latestStart, lastEndOfJob[jobIndex] as number, nowMs - typicalMs);
    const start = earliest + Math.floor((nowMs - earliest) * random.next());
    const progress = Math.min(99, Math.floor(((nowMs - start) / typicalMs) * 100));
    builder.push(jobIndex, start, Number.NaN, WORKING, SUCCESS, progress, 0);
  }
  return builder.sortedByCreationTime();
}

function jobSessionTable(columns: JobSessionColumns, codec: GuidCodec): JobSessionTable {
  const { count } = columns;
  return {
    ...columns,
    id(row: number): string {
      if (!Number.isInteger(row) || row < 0 || row >= count) {
        throw new RangeError(`Job session row ${row} is outside 0..${count - 1}`);
      }
      return codec.format(row);
    },
    rowOf(id: string): number {
      const parsed = codec.parse(id);
      return parsed !== undefined && parsed.sub === 0 && parsed.index < count ? parsed.index : -1;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Task sessions, generated on demand
// ---------------------------------------------------------------------------------------------

const GIB = 2 ** 30;

interface TaskSessionSource {
  readonly seed: number;
  readonly nowMs: number;
  readonly jobs: readonly JobRecord[];
  readonly table: JobSessionTable;
  readonly taskCodec: GuidCodec;
  readonly hostCodec: GuidCodec;
  readonly vmObjectCodec: GuidCodec;
}

/** `urn:VMware:Vm:<vCenter>.vm-<n>` for VMware (and copies of VMware backups), `urn:<platform>:Vm:<host>.<guid>` otherwise. */
function vmUidOf(
  source: TaskSessionSource,
  job: JobRecord,
  jobIndex: number,
  vmIndex: number,
): string {
  const host = source.hostCodec.format(job.serverIndex);
  if (job.platform === Platform.VMware || job.platform === Platform.CustomPlatform) {
    const firstMoref =
      1000 + (hashKeys([source.seed, Stream.VmIdentity, job.serverIndex]) % 90_000);
    return `urn:VMware:Vm:${host}.vm-${firstMoref + jobIndex * job.vmNames.length + vmIndex}`;
  }
  return `urn:${job.platform}:Vm:${host}.${source.vmObjectCodec.format(jobIndex, vmIndex)}`;
}

const vmSizeOf = (seed: number, jobIndex: number, vmIndex: number): number =>
  (16 + (hashKeys([seed, Stream.VmIdentity, jobIndex, vmIndex]) % 1009)) * GIB;

interface TaskOutcome {
  readonly state: number;
  readonly result: number;
  readonly reason: string;
}

/**
 * Per-VM outcomes consistent with the session: all good when it succeeded, at least one warning
 * when it warned, at least one failure when it failed; while it runs, done, running and queued VMs.
 */
function taskOutcomes(
  random: SeededRandom,
  sessionResult: number,
  sessionProgress: number,
  running: boolean,
  contextOf: (vmIndex: number) => ReasonContext,
  scope: ReasonScope,
  vmCount: number,
): TaskOutcome[] {
  const outcomes: TaskOutcome[] = [];
  if (running) {
    const completed = Math.floor((vmCount * sessionProgress) / 100);
    const inProgress = Math.min(vmCount - completed, random.int(1, 2));
    for (let vmIndex = 0; vmIndex < vmCount; vmIndex++) {
      const state =
        vmIndex < completed
          ? TASK_COMPLETED
          : vmIndex < completed + inProgress
            ? TASK_IN_PROGRESS
            : TASK_PENDING;
      outcomes.push({ state, result: SUCCESS, reason: '' });
    }
    return outcomes;
  }
  if (sessionResult === SUCCESS) {
    for (let vmIndex = 0; vmIndex < vmCount; vmIndex++) {
      outcomes.push({ state: TASK_COMPLETED, result: SUCCESS, reason: '' });
    }
    return outcomes;
  }
  const failures = FAILURE_REASONS_BY_SCOPE.get(scope) as readonly Reason[];
  const warnings = WARNING_REASONS_BY_SCOPE.get(scope) as readonly Reason[];
  // The VM that made the session fail or warn; others may have had problems of their own.
  const culprit = random.int(0, vmCount - 1);
  const incident = random.pick(sessionResult === FAILED ? failures : warnings);
  for (let vmIndex = 0; vmIndex < vmCount; vmIndex++) {
    let result = SUCCESS;
    let reason: Reason | undefined;
    if (sessionResult === FAILED) {
      if (vmIndex === culprit || (incident.stopsJob === true && vmIndex > culprit)) {
        result = FAILED;
        reason = incident;
      } else if (random.chance(0.15)) {
        result = FAILED;
        reason = random.pick(failures);
      } else if (random.chance(0.1)) {
        result = WARNING;
        reason = random.pick(warnings);
      }
    } else if (vmIndex === culprit || random.chance(0.2)) {
      result = WARNING;
      reason = vmIndex === culprit ? incident : random.pick(warnings);
    }
    outcomes.push({
      state: TASK_COMPLETED,
      result,
      reason: reason === undefined ? '' : reason.text(contextOf(vmIndex)),
    });
  }
  return outcomes;
}

function generateTaskSessions(source: TaskSessionSource, row: number): TaskSessionRecord[] {
  const { table } = source;
  if (!Number.isInteger(row) || row < 0 || row >= table.count) {
    throw new RangeError(`Job session row ${row} is outside 0..${table.count - 1}`);
  }
  const jobIndex = table.jobIndex[row] as number;
  const job = source.jobs[jobIndex] as JobRecord;
  const start = table.creationTime[row] as number;
  const end = table.endTime[row] as number;
  const running = Number.isNaN(end);
  const horizon = running ? source.nowMs : end;
  const span = horizon - start;
  const vmCount = job.vmNames.length;
  const random = new SeededRandom(source.seed, Stream.TaskSessions, row);
  const taskStarts = job.vmNames.map(
    // VMs start in order over the first 60% of the run, a few in parallel.
    (_, vmIndex) => start + Math.floor((span * 0.6 * (vmIndex + random.next())) / vmCount),
  );
  const contextOf = (vmIndex: number): ReasonContext => ({
    jobName: job.name,
    vmName: job.vmNames[vmIndex] as string,
    platform: job.platform,
    serverIndex: job.serverIndex,
    taskStart: taskStarts[vmIndex] as number,
    random,
  });
  const outcomes = taskOutcomes(
    random,
    table.result[row] as number,
    table.progress[row] as number,
    running,
    contextOf,
    scopeOf(job.jobType),
    vmCount,
  );
  return outcomes.map((outcome, vmIndex): TaskSessionRecord => {
    const taskStart = taskStarts[vmIndex] as number;
    const creationTime =
      outcome.state === TASK_PENDING ? start + Math.floor(span * 0.02 * random.next()) : taskStart;
    const endTime =
      outcome.state === TASK_COMPLETED
        ? taskStart + Math.floor((horizon - taskStart) * (0.35 + 0.6 * random.next()))
        : Number.NaN;
    return {
      id: source.taskCodec.format(row, vmIndex),
      sessionRow: row,
      vmName: job.vmNames[vmIndex] as string,
      vmUid: vmUidOf(source, job, jobIndex, vmIndex),
      creationTime,
      endTime,
      state: outcome.state,
      result: outcome.result,
      reason: outcome.reason,
      totalSize: vmSizeOf(source.seed, jobIndex, vmIndex),
    };
  });
}

function findTaskSession(source: TaskSessionSource, id: string): TaskSessionRecord | undefined {
  const parsed = source.taskCodec.parse(id);
  if (parsed === undefined || parsed.index >= source.table.count) return undefined;
  const job = source.jobs[source.table.jobIndex[parsed.index] as number] as JobRecord;
  if (parsed.sub >= job.vmNames.length) return undefined;
  return generateTaskSessions(source, parsed.index)[parsed.sub];
}

// ---------------------------------------------------------------------------------------------
// Restore sessions
// ---------------------------------------------------------------------------------------------

function generateRestoreSessions(
  options: Required<DatasetOptions>,
  nowMs: number,
  jobs: readonly JobRecord[],
  codec: GuidCodec,
): RestoreSessionRecord[] {
  const random = new SeededRandom(options.seed, Stream.RestoreSessions);
  const restorable = jobs.filter((job) => job.jobType !== JobType.NasBackup);
  const sources = restorable.length > 0 ? restorable : jobs;
  const historyStart = nowMs - options.days * DAY_MS;
  const drafts = Array.from({ length: options.restoreSessions }, () => {
    const job = random.pick(sources);
    const jobType = random.chance(0.6) ? JobType.FileLevelRestore : JobType.RestoreVm;
    const creationTime = historyStart + Math.floor(random.next() * (nowMs - historyStart));
    // Browsing files keeps a file-level restore session open for a while; a VM restore copies disks.
    const minutes = jobType === JobType.FileLevelRestore ? random.int(3, 90) : random.int(10, 180);
    const draw = random.next();
    return {
      serverIndex: job.serverIndex,
      vmName: random.pick(job.vmNames),
      jobType,
      creationTime,
      endTime: Math.min(creationTime + minutes * MINUTE_MS + random.int(0, 59_999), nowMs),
      state: STOPPED,
      result: draw < 0.9 ? SUCCESS : draw < 0.95 ? WARNING : FAILED,
    };
  });
  drafts.sort((a, b) => a.creationTime - b.creationTime);
  return drafts.map((draft, index) => ({ id: codec.format(index), ...draft }));
}

// ---------------------------------------------------------------------------------------------
// The dataset
// ---------------------------------------------------------------------------------------------

/**
 * A deterministic EM: the same options (including `now`) always give the same dataset. Job
 * sessions are generated up front into typed-array columns; their GUIDs and task sessions are
 * derived on demand from the seed and the row.
 */
export function generateDataset(options: DatasetOptions = {}): Dataset {
  const resolved = resolveOptions(options);
  const { seed } = resolved;
  const nowMs = resolved.now.getTime();
  const backupServers = generateBackupServers(
    resolved.servers,
    guidCodec(seed, GuidKind.BackupServer),
  );
  const { jobs, behaviours } = generateJobs(resolved, nowMs, guidCodec(seed, GuidKind.Job));
  const jobSessions = jobSessionTable(
    generateJobSessions(resolved, nowMs, jobs, behaviours),
    guidCodec(seed, GuidKind.JobSession),
  );
  const restoreSessions = generateRestoreSessions(
    resolved,
    nowMs,
    jobs,
    guidCodec(seed, GuidKind.RestoreSession),
  );
  const taskSource: TaskSessionSource = {
    seed,
    nowMs,
    jobs,
    table: jobSessions,
    taskCodec: guidCodec(seed, GuidKind.TaskSession),
    hostCodec: guidCodec(seed, GuidKind.VirtualizationHost),
    vmObjectCodec: guidCodec(seed, GuidKind.VmObject),
  };
  return {
    options: resolved,
    now: new Date(nowMs),
    backupServers,
    jobs,
    jobSessions,
    restoreSessions,
    taskSessionsOf: (sessionRow) => generateTaskSessions(taskSource, sessionRow),
    taskSession: (id) => findTaskSession(taskSource, id),
  };
}
