import type { SessionReport } from '../report.js';

/** A row that names a job: a job, a missed job or a VM. */
export interface JobRow {
  readonly jobUid: string;
  readonly jobName: string;
  readonly source: string | null;
}

/** The id part of a UID (`urn:veeam:Job:<id>`). */
const idOf = (uid: string): string => uid.slice(uid.lastIndexOf(':') + 1);

/**
 * Qualifiers that tell apart the jobs of one name: a job's backup server where no other of them
 * has it, else its server (when known) and the start of its id.
 */
function qualifiers(uids: readonly string[], serverOf: ReadonlyMap<string, string | null>) {
  const servers = uids.map((uid) => serverOf.get(uid) ?? null);
  const jobsOn = new Map<string | null, number>();
  for (const server of servers) jobsOn.set(server, (jobsOn.get(server) ?? 0) + 1);
  // Eight characters of a GUID tell jobs apart; the whole id when they do not.
  const whole = uids.map(idOf);
  const short = whole.map((id) => id.slice(0, 8));
  const ids = new Set(short).size === uids.length ? short : whole;
  return uids.map((_, index) => {
    const server = servers[index] ?? null;
    if (server !== null && jobsOn.get(server) === 1) return server;
    return server === null ? (ids[index] as string) : `${server}, ${ids[index]}`;
  });
}

/**
 * How the text, Markdown and HTML reports name a job: by its name, and where two jobs of one
 * source share it (a job of that name on each of two backup servers), by its name and its backup
 * server, or the start of its UID when the server does not tell them apart either. CSV, JSON
 * and Prometheus carry the UID and the server in their own fields.
 */
export function jobLabeller(report: SessionReport): (row: JobRow) => string {
  const serverOf = new Map(report.jobs.map((job) => [job.jobUid, job.backupServer]));
  // Per source, per name, the UIDs of the jobs of that name.
  const uidsBySourceAndName = new Map<string | null, Map<string, Set<string>>>();
  for (const row of [...report.jobs, ...report.missedJobs, ...report.vms]) {
    let byName = uidsBySourceAndName.get(row.source);
    if (byName === undefined) {
      byName = new Map();
      uidsBySourceAndName.set(row.source, byName);
    }
    const uids = byName.get(row.jobName);
    if (uids === undefined) byName.set(row.jobName, new Set([row.jobUid]));
    else uids.add(row.jobUid);
  }
  // Per source, per UID, the qualifier of a job whose name is shared.
  const qualifierBySourceAndUid = new Map<string | null, Map<string, string>>();
  for (const [source, byName] of uidsBySourceAndName) {
    const byUid = new Map<string, string>();
    for (const uids of byName.values()) {
      if (uids.size < 2) continue;
      const list = [...uids].sort();
      const names = qualifiers(list, serverOf);
      for (const [index, uid] of list.entries()) byUid.set(uid, names[index] as string);
    }
    qualifierBySourceAndUid.set(source, byUid);
  }
  return (row) => {
    const qualifier = qualifierBySourceAndUid.get(row.source)?.get(row.jobUid);
    return qualifier === undefined ? row.jobName : `${row.jobName} (${qualifier})`;
  };
}
