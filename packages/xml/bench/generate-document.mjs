// A QueryResult page of BackupJobSession entities of about `bytes` bytes, shaped like EM 13's
// (four links, timestamps and names to the microsecond, a share of failed, running and retried
// sessions, a name with `&amp;` now and then, and paging links with `&amp;` at the very end, as
// EM writes them).
const pad = (n, width = 2) => String(n).padStart(width, '0');

/** A time as EM 13 writes it: to the microsecond, trailing zeros trimmed. */
const emTime = (ms, micros) =>
  `${new Date(ms).toISOString().slice(0, 20)}${pad((ms % 1000) * 1000 + micros, 6)}`.replace(
    /\.?0+$/,
    '',
  );

function session(i) {
  const id = `${pad(i % 100000000, 8)}-f3bd-4ab4-9fb7-24058cccb4f6`;
  const job = `2b078668-e45d-4eb3-abb0-${pad(i % 97, 12)}`;
  const start = Date.UTC(2026, 10, 1) + i * 61_000 + (i % 1000);
  const created = emTime(start, (i * 7919) % 1000);
  const running = i % 50 === 0;
  const failed = i % 13 === 0;
  const end = running
    ? ''
    : `<EndTimeUTC>${emTime(start + 600_000 + (i % 7) * 1234, (i * 104_729) % 1000)}Z</EndTimeUTC>`;
  const company = i % 97 === 0 ? ' &amp; Co' : '';
  const name = `Backup Job ${i % 97}${company}@${created.replace('T', ' ')}`;
  return `<BackupJobSession Href="https://em.example:9398/api/backupSessions/${id}?format=Entity" Type="BackupJobSession" Name="${name}" UID="urn:veeam:BackupJobSession:${id}">
<Links><Link Href="https://em.example:9398/api/backupServers/a490c017-2c1c-40ee-8bcf-73bcce6ab36f" Name="vbr01.example.com" Type="BackupServerReference" Rel="Up" /><Link Href="https://em.example:9398/api/jobs/${job}" Name="Backup Job ${i % 97}" Type="JobReference" Rel="Up" /><Link Href="https://em.example:9398/api/backupSessions/${id}" Name="${name}" Type="BackupJobSessionReference" Rel="Alternate" /><Link Href="https://em.example:9398/api/backupSessions/${id}/taskSessions" Type="BackupTaskSessionReferenceList" Rel="Down" /></Links>
<JobUid>urn:veeam:Job:${job}</JobUid><JobName>Backup Job ${i % 97}${company}</JobName><JobType>Backup</JobType><CreationTimeUTC>${created}Z</CreationTimeUTC>${end}<State>${running ? 'Working' : 'Stopped'}</State><Result>${failed ? 'Failed' : 'Success'}</Result><Progress>${running ? 42 : 100}</Progress><IsRetry>${i % 29 === 0}</IsRetry>
</BackupJobSession>
`;
}

export function generateDocument(bytes) {
  const parts = [
    '<?xml version="1.0" encoding="utf-8"?>\n<QueryResult xmlns="http://www.veeam.com/ent/v1.0">\n<Entities><BackupJobSessions>\n',
  ];
  let size = parts[0].length;
  let count = 0;
  while (size < bytes) {
    const entry = session(count++);
    parts.push(entry);
    size += entry.length;
  }
  parts.push(
    `</BackupJobSessions></Entities>\n<PagingInfo PageNum="1" PageSize="${count}" PagesCount="2"><Links>${[
      'First',
      'Next',
      'Last',
    ]
      .map(
        (rel, index) =>
          `<Link Href="https://em.example:9398/api/query?type=BackupJobSession&amp;format=Entities&amp;pageSize=${count}&amp;page=${Math.min(index + 1, 2)}" Rel="${rel}" />`,
      )
      .join('')}</Links></PagingInfo>\n</QueryResult>\n`,
  );
  return { xml: parts.join(''), sessions: count };
}
