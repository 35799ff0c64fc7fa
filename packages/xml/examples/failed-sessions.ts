import { isRunning, sessionDuration } from '@vbem/model';
import { decode, encode, XmlDecodeError } from '@vbem/xml';

// A page of the query service, as EM sends it (abridged).
const page = `<?xml version="1.0" encoding="utf-8"?>
<QueryResult xmlns="http://www.veeam.com/ent/v1.0">
  <Entities>
    <BackupJobSessions>
      <BackupJobSession Href="https://em:9398/api/backupSessions/1?format=Entity" Type="BackupJobSession"
          Name="SQL Backup@2025-06-05 01:03:37" UID="urn:veeam:BackupJobSession:1">
        <JobUid>urn:veeam:Job:7</JobUid>
        <JobName>SQL Backup</JobName>
        <JobType>Backup</JobType>
        <CreationTimeUTC>2025-06-05T01:03:37.56Z</CreationTimeUTC>
        <EndTimeUTC>2025-06-05T01:09:12Z</EndTimeUTC>
        <State>Stopped</State>
        <Result>Failed</Result>
        <Progress>100</Progress>
        <IsRetry>false</IsRetry>
      </BackupJobSession>
    </BackupJobSessions>
  </Entities>
  <PagingInfo PageNum="1" PageSize="100" PagesCount="1" />
</QueryResult>`;

const { value, warnings } = decode(page, { root: 'QueryResult' });
const sessions = value.Entities?.BackupJobSessions?.BackupJobSessions ?? [];

export const lines = sessions.map((session) => {
  const duration = sessionDuration(session);
  const took = duration.running
    ? `running for ${duration.elapsedMs / 1000} s`
    : `${duration.durationMs / 1000} s`;
  return `${session.JobName}: ${session.Result}, ${took}, running: ${isRunning(session)}`;
});
export const warningCount = warnings.length;

// Encoding writes the elements back in the order EM requires.
export const again = encode('BackupJobSession', sessions[0] as (typeof sessions)[number], {
  declaration: false,
});

// Broken input never yields a partial value.
try {
  decode(page.slice(0, 400));
} catch (error) {
  if (error instanceof XmlDecodeError) lines.push(`refused: ${error.code} at line ${error.line}`);
}

console.log(lines.join('\n'));
