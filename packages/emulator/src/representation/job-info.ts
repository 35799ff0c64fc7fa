import {
  DayOfWeek,
  type GuestProcessingOptions,
  type JobInfo,
  JobType,
  Month,
  type ObjectInJobList,
} from '@vbem/model';
import type { Dataset } from '../dataset/dataset.js';
import {
  encryptionPasswordKeyId,
  guestCredentialsId,
  objectInJobId,
  vmHierarchyObjRef,
} from './job-object-ids.js';

// What VBR proposes to leave out of the guest file index.
const WINDOWS_SYSTEM_FOLDERS = [
  '%windir%',
  '%ProgramFiles%',
  '%ProgramFiles(x86)%',
  '%ProgramW6432%',
  '%TEMP%',
];
const LINUX_SYSTEM_FOLDERS = ['/cdrom', '/dev', '/media', '/mnt', '/proc', '/tmp', '/lost+found'];

/** The guest processing a VM of the job overrides: system folders out of the index, SQL logs backed up hourly. */
function objectGuestProcessing(): GuestProcessingOptions {
  return {
    IncludedIndexingFolders: [],
    ExcludedIndexingFolders: [],
    VssSnapshotOptions: {
      VssSnapshotMode: 'RequireSuccess',
      IsCopyOnly: false,
      UsePersistentGuestAgent: false,
    },
    WindowsGuestFSIndexingOptions: {
      FileSystemIndexingMode: 'ExceptSpecifiedFolders',
      IncludedIndexingFolders: [],
      ExcludedIndexingFolders: [...WINDOWS_SYSTEM_FOLDERS],
    },
    LinuxGuestFSIndexingOptions: {
      FileSystemIndexingMode: 'ExceptSpecifiedFolders',
      IncludedIndexingFolders: [],
      ExcludedIndexingFolders: [...LINUX_SYSTEM_FOLDERS],
    },
    SqlBackupOptions: {
      TransactionLogsProcessing: 'Backup',
      BackupLogsFrequencyMin: 60,
      UseDbBackupRetention: false,
      RetainDays: 5,
    },
    WindowsCredentialsId: '',
    LinuxCredentialsId: '',
  };
}

/** The job-wide guest processing, with the server's guest credentials for Windows. */
function jobGuestProcessing(dataset: Dataset, serverIndex: number): GuestProcessingOptions {
  return {
    IncludedIndexingFolders: [],
    ExcludedIndexingFolders: [],
    VssSnapshotOptions: { VssSnapshotMode: 'RequireSuccess', IsCopyOnly: false },
    WindowsGuestFSIndexingOptions: {
      FileSystemIndexingMode: 'EveryFolders',
      IncludedIndexingFolders: [],
      ExcludedIndexingFolders: [],
    },
    LinuxGuestFSIndexingOptions: {
      FileSystemIndexingMode: 'ExceptSpecifiedFolders',
      IncludedIndexingFolders: [],
      ExcludedIndexingFolders: [],
    },
    SqlBackupOptions: {
      TransactionLogsProcessing: 'OnlyOnSuccessJob',
      BackupLogsFrequencyMin: 15,
      UseDbBackupRetention: true,
      RetainDays: 15,
    },
    WindowsCredentialsId: guestCredentialsId(dataset, serverIndex),
    LinuxCredentialsId: '',
  };
}

/** One `ObjectInJob` per VM of the job, under `{jobHref}/includes`. */
export function objectsInJob(dataset: Dataset, jobIndex: number, jobHref: string): ObjectInJobList {
  const job = dataset.jobs[jobIndex];
  if (!job) throw new RangeError(`no job ${jobIndex}`);
  return {
    ObjectsInJob: job.vmNames.map((vmName, vmIndex) => {
      const id = objectInJobId(dataset, jobIndex, vmIndex);
      return {
        Href: `${jobHref}/includes/${id}`,
        Type: 'ObjectInJob',
        Links: [],
        ObjectInJobId: id,
        HierarchyObjRef: vmHierarchyObjRef(dataset, jobIndex, vmIndex),
        Name: vmName,
        DisplayName: vmName,
        GuestProcessingOptions: objectGuestProcessing(),
      };
    }),
  };
}

/**
 * What a backup-family job processes and how: `ReplicaJobInfo` for a replication job,
 * `BackupJobInfo` (with encryption and retention) for the others.
 */
export function backupFamilyJobInfo(dataset: Dataset, jobIndex: number, jobHref: string): JobInfo {
  const job = dataset.jobs[jobIndex];
  if (!job) throw new RangeError(`no job ${jobIndex}`);
  const Includes = objectsInJob(dataset, jobIndex, jobHref);
  const GuestProcessingOptions = jobGuestProcessing(dataset, job.serverIndex);
  if (job.jobType === JobType.Replica)
    return { ReplicaJobInfo: { Includes, GuestProcessingOptions } };
  return {
    BackupJobInfo: {
      Includes,
      GuestProcessingOptions,
      AdvancedStorageOptions: { PasswordKeyId: encryptionPasswordKeyId(dataset, job.serverIndex) },
      GfsRetentionPolicy: {
        Enabled: true,
        Weekly: { Enabled: true, RetentionPeriod: 4, SelectedDay: DayOfWeek.Sunday },
        Monthly: { Enabled: true, RetentionPeriod: 12, SelectedWeek: 'First' },
        Yearly: { Enabled: true, RetentionPeriod: 3, SelectedMonth: Month.January },
      },
      SimpleRetentionPolicy: { RetainCycles: 14, RetainDaysToKeep: 14, RetainLimitType: 'Days' },
    },
  };
}
