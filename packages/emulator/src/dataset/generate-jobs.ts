import type { JobRecord, ResolvedDatasetOptions } from './dataset.js';
import type { GuidCodec } from './dataset-guid.js';
import {
  BACKUP_PROFILE,
  type JobProfile,
  OTHER_PROFILES,
  SITES,
  type Workload,
} from './estate-catalogue.js';
import { type JobBehaviour, jobBehaviours } from './job-behaviours.js';
import { pad2 } from './number-format.js';
import { Stream } from './random-streams.js';
import { SeededRandom } from './seeded-random.js';
import { DAY_MS } from './time-units.js';

const ALL_TYPES_FROM_JOBS = 8;

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

export interface GeneratedJobs {
  readonly jobs: JobRecord[];
  readonly behaviours: JobBehaviour[];
}

export function generateJobs(
  options: ResolvedDatasetOptions,
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

  const behaviours = jobBehaviours(jobs.length, options.failureRate, options.warningRate, random);
  return { jobs, behaviours };
}
