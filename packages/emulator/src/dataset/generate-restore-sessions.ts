import { JobType } from '@vbem/model';
import type { JobRecord, ResolvedDatasetOptions, RestoreSessionRecord } from './dataset.js';
import type { GuidCodec } from './dataset-guid.js';
import { FAILED, STOPPED, SUCCESS, WARNING } from './enum-ordinals.js';
import { withMicroseconds } from './microsecond-time.js';
import { Stream } from './random-streams.js';
import { SeededRandom } from './seeded-random.js';
import { DAY_MS, MINUTE_MS } from './time-units.js';

export function generateRestoreSessions(
  options: ResolvedDatasetOptions,
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
    const creationTime = withMicroseconds(
      historyStart + Math.floor(random.next() * (nowMs - historyStart)),
    );
    // Browsing files keeps a file-level restore session open for a while; a VM restore copies disks.
    const minutes = jobType === JobType.FileLevelRestore ? random.int(3, 90) : random.int(10, 180);
    const draw = random.next();
    return {
      serverIndex: job.serverIndex,
      vmName: random.pick(job.vmNames),
      jobType,
      creationTime,
      endTime: Math.min(
        withMicroseconds(creationTime + minutes * MINUTE_MS + random.int(0, 59_999)),
        nowMs,
      ),
      state: STOPPED,
      result: draw < 0.9 ? SUCCESS : draw < 0.95 ? WARNING : FAILED,
    };
  });
  drafts.sort((a, b) => a.creationTime - b.creationTime);
  return drafts.map((draft, index) => ({ id: codec.format(index), ...draft }));
}
