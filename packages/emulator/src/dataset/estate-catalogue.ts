import { JobType, type KnownJobType, type KnownPlatform, Platform } from '@vbem/model';

export interface Workload {
  /** First words of the job name, e.g. `SQL` in `SQL Backup`. */
  readonly label: string;
  /** Host name prefix of the machines it protects, e.g. `sql` for `sql01`. */
  readonly host: string;
  /** For agent workloads: the agent's platform. */
  readonly platform?: KnownPlatform;
  /** For file share workloads: the share name; objects are `\\<host><nn>.example.com\<share>`. */
  readonly share?: string;
}

export interface JobProfile {
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

export const BACKUP_PROFILE: JobProfile = {
  jobType: JobType.Backup,
  share: 0.58,
  nameSuffix: 'Backup',
  workloads: VM_WORKLOADS,
  platforms: VIRTUAL_PLATFORMS,
};

/** Every job type with job sessions but Backup; each appears at least once from 8 jobs on. */
export const OTHER_PROFILES: readonly JobProfile[] = [
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

export const SITES = [
  'HQ',
  'London',
  'Frankfurt',
  'Dallas',
  'Singapore',
  'Sydney',
  'Toronto',
  'Madrid',
];

export const SERVER_VERSIONS = ['13.0.1.1071', '13.0.1.1071', '12.3.2.3617'];
