import { JobType, Platform } from '@vbem/model';
import { hex, pad2 } from './number-format.js';
import type { SeededRandom } from './seeded-random.js';

/** What a failure or warning message may mention. */
export interface ReasonContext {
  readonly jobName: string;
  readonly vmName: string;
  readonly platform: string;
  readonly serverIndex: number;
  readonly taskStart: number;
  readonly random: SeededRandom;
}

export type ReasonScope = 'any' | 'vm' | 'agent';

export interface Reason {
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
];

/** Agent backups fail as agents do; Backup and replica jobs as VMs do (the other jobs have no tasks). */
export const scopeOf = (jobType: string): ReasonScope =>
  jobType === JobType.AgentBackup ? 'agent' : 'vm';

const reasonsFor = (reasons: readonly Reason[], scope: ReasonScope): readonly Reason[] =>
  reasons.filter((reason) => reason.scope === 'any' || reason.scope === scope);

export const FAILURE_REASONS_BY_SCOPE: ReadonlyMap<ReasonScope, readonly Reason[]> = new Map(
  (['vm', 'agent'] as const).map((scope) => [scope, reasonsFor(FAILURE_REASONS, scope)]),
);
export const WARNING_REASONS_BY_SCOPE: ReadonlyMap<ReasonScope, readonly Reason[]> = new Map(
  (['vm', 'agent'] as const).map((scope) => [scope, reasonsFor(WARNING_REASONS, scope)]),
);
