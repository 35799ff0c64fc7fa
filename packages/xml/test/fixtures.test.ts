import { fromJson, rootElements, toJson } from '@vbem/model';
import { decode, encode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { readDocumented, xmlFixtures } from './fixture-files.js';

describe('documented and vbem-made fixtures', () => {
  it('cover every root element of the model', () => {
    const roots = new Set(xmlFixtures.map(({ xml }) => decode(xml).root));
    expect([...roots].sort()).toEqual(Object.keys(rootElements).sort());
  });

  it.each(xmlFixtures)(
    '$file decodes without warnings and survives encode, decode and both JSON casings',
    ({ xml }) => {
      const decoded = decode(xml);
      expect(decoded.warnings).toEqual([]);
      const again = decode(encode(decoded.root, decoded.value as never));
      expect(again.value).toEqual(decoded.value);
      for (const casing of ['pascal', 'camel'] as const) {
        const json = JSON.parse(
          JSON.stringify(toJson(decoded.root, decoded.value as never, { casing })),
        );
        const fromWire = fromJson(decoded.root, json);
        expect(fromWire.warnings).toEqual([]);
        expect(fromWire.value).toEqual(decoded.value);
      }
    },
  );
});

describe('times, to the digit', () => {
  const timesIn = (xml: string) =>
    [...xml.matchAll(/>(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d*[1-9])?Z)</g)].map(
      (match) => match[1],
    );

  it.each(xmlFixtures)(
    '$file: encode and both JSON mappings write its times back as EM wrote them',
    ({ xml }) => {
      const times = timesIn(xml);
      const { root, value } = decode(xml);
      expect(timesIn(encode(root, value as never))).toEqual(times);
      const json = JSON.stringify(
        toJson(root, value as never, { casing: 'camel', microseconds: true }),
      );
      expect(timesIn(encode(root, fromJson(root, JSON.parse(json)).value as never))).toEqual(times);
    },
  );

  it('the documented ones include microseconds', () => {
    const digits = xmlFixtures.flatMap(({ xml }) =>
      timesIn(xml).map((time) => /\.(\d+)Z$/.exec(time as string)?.[1]?.length ?? 0),
    );
    expect(Math.max(...digits)).toBe(6);
  });
});

describe('key values of the documented responses', () => {
  it('a backup job session entity (EM 13.1)', () => {
    const { value } = decode(readDocumented('get-backupSession-entity.xml'), {
      root: 'BackupJobSession',
    });
    expect(value).toMatchObject({
      Name: 'Backup Job 3@2025-09-24 20:00:09',
      UID: 'urn:veeam:BackupJobSession:a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6',
      JobType: 'Backup',
      CreationTimeUTC: new Date('2025-09-24T20:00:09.607Z'),
      EndTimeUTC: new Date('2025-09-24T20:02:54.717Z'),
      State: 'Stopped',
      Result: 'Success',
      Progress: 100,
      IsRetry: false,
    });
    expect(value.FailureMessage).toBeUndefined();
    expect(value.Links.map((link) => link.Rel)).toEqual([
      'Up',
      'Up',
      'Alternate',
      'Down',
      'Stop',
      'Related',
    ]);
    expect(value.Links[4]).toEqual({
      Href: 'https://localhost:9398/api/backupSessions/a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6?action=stop',
      Rel: 'Stop',
    });
    expect(value.Links[5]?.Name).toBe('');
  });

  it('a task session with an empty Reason and a VmUid, and one without VmUid', () => {
    const { value } = decode(readDocumented('get-backupTaskSession-entity.xml'), {
      root: 'BackupTaskSession',
    });
    expect(value).toMatchObject({
      Reason: '',
      TotalSize: 12884901888,
      VmDisplayName: 'AnT_VM2',
      State: 'Completed',
    });
    expect(value.VmUid).toBe('urn:VMware:Vm:a87d15db-dd70-4769-acd6-41bae88219d4.vm-91826');
    expect(
      decode(readDocumented('get-backupTaskSession-entity-2014.xml'), { root: 'BackupTaskSession' })
        .value.VmUid,
    ).toBeUndefined();
  });

  it('a paged query result of task sessions, with its paging links decoded once', () => {
    const { value } = decode(readDocumented('query-BackupTaskSession-entities-paged.xml'), {
      root: 'QueryResult',
    });
    const sessions = value.Entities?.BackupTaskSessions?.BackupTaskSessions ?? [];
    expect(sessions).toHaveLength(3);
    expect(sessions[0]?.Reason).toMatch(
      /^Error: There is not enough space on the disk\..*\{DataTransfer\.BackupText\}\. $/,
    );
    expect(sessions[0]?.CreationTimeUTC).toEqual(new Date('2025-06-05T01:04:29.56Z'));
    expect(value.PagingInfo).toMatchObject({ PageNum: 1, PageSize: 3, PagesCount: 7 });
    expect(value.PagingInfo.Links.map((link) => link.Rel)).toEqual(['First', 'Next', 'Last']);
    expect(value.PagingInfo.Links[1]?.Href).toBe(
      'https://localhost:9398/api/query?type=BackupTaskSession&format=Entities&sortDesc=CreationTime&pageSize=3&page=2&filter=Result==Failed;VmDisplayName==dbserver01',
    );
    expect(value.Refs).toBeUndefined();
  });

  it('a query result of references with a quoted filter in its links', () => {
    const { value } = decode(readDocumented('query-Job-by-name-refs.xml'), { root: 'QueryResult' });
    expect(value.Refs?.Refs[0]).toMatchObject({ Name: 'Exchange Backup', Type: 'JobReference' });
    expect(value.PagingInfo.Links[0]?.Href).toContain(
      'filter=(name=="Exchange+Backup")&pageSize=100',
    );
  });

  it('the API root lists the supported versions', () => {
    const { value } = decode(readDocumented('get-api-root.xml'), { root: 'EnterpriseManager' });
    expect(value.SupportedVersions.SupportedVersions.map((version) => version.Name)).toEqual([
      'v1_5',
      'v1_6',
      'v1_7',
    ]);
    expect(value.Href).toBeUndefined();
  });

  it('a logon session, the job statistics frame and a processed-VMs day with an offset', () => {
    expect(
      decode(readDocumented('logon-session.xml'), { root: 'LogonSession' }).value,
    ).toMatchObject({
      UserName: 'SRV12\\Administrator',
      SessionId: '15a3fc97-0325-4119-b789-5c0367c6c565',
    });
    expect(
      decode(readDocumented('get-reports-summary-job_statistics.xml'), {
        root: 'JobStatisticsReportFrame',
      }).value,
    ).toMatchObject({
      MaxJobDuration: 2160,
      FailedJobRuns: 5,
      BackupJobStatusReportLink:
        'Workspace/ViewReport.aspx?definition=7962844d-db6c-4d29-8b6e-4e0f7db0785f&ShowParams=1',
    });
    const days = decode(readDocumented('get-reports-summary-processed_vms.xml'), {
      root: 'ProcessedVmsReportFrame',
    }).value.Day;
    expect(days[0]).toEqual({
      Timestamp: new Date('2025-10-19T07:00:00Z'),
      ReplicatedVms: 2,
      BackupedVms: 8,
    });
    const periods = decode(readDocumented('get-reports-summary-repository.xml'), {
      root: 'RepositoryReportFrame',
    }).value.Period;
    expect(periods[1]).toEqual({
      Name: 'NetApp SnapShot',
      Capacity: -1,
      FreeSpace: -1,
      BackupSize: 0,
    });
  });

  it('a job with EM 13 schedule wrappers and simpleContent days', () => {
    const { value } = decode(readDocumented('get-job-entity-backup.xml'), { root: 'Job' });
    const standard = value.JobScheduleOptions?.Standart;
    expect(standard?.OptionsDaily).toMatchObject({
      Enabled: true,
      Kind: 'Everyday',
      TimeOffsetUtc: 1,
    });
    expect(standard?.OptionsDaily?.Days).toHaveLength(7);
    expect(standard?.OptionsBackupWindow?.TimePeriods.Day[0]).toEqual({
      Name: 'Sunday',
      Value: '1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1',
    });
    expect(standard?.OptionsDaisyChaining?.PreviousJobUid).toBe('');
    const guest = value.JobInfo?.BackupJobInfo?.Includes?.ObjectsInJob[0]?.GuestProcessingOptions;
    expect(guest?.WindowsGuestFSIndexingOptions?.ExcludedIndexingFolders).toContain(
      '%ProgramFiles(x86)%',
    );
    expect(guest?.WindowsGuestFSIndexingOptions?.IncludedIndexingFolders).toEqual([]);
  });

  it('the documented JSON responses, PascalCase (EM 10 to 12)', () => {
    const session = fromJson(
      'BackupJobSession',
      JSON.parse(readDocumented('get-backupSession-entity.json')),
    );
    expect(session.warnings).toEqual([]);
    expect(session.value).toMatchObject({
      JobType: 'NasBackup',
      EndTimeUTC: new Date('2020-02-04T08:47:10.64Z'),
      IsRetry: false,
    });
    expect(session.value.FailureMessage).toBeUndefined();
    const query = fromJson(
      'QueryResult',
      JSON.parse(readDocumented('query-BackupJobSession-refs.json')),
    );
    expect(query.value.Refs?.Refs).toHaveLength(2);
    expect(query.value.PagingInfo.Links[0]?.Href).toContain('filter=JobType%3d%3dNasBackup');
    expect(fromJson('Error', JSON.parse(readDocumented('error-400-node-root.json'))).value).toEqual(
      {
        Message: 'Node [root] does not exist.',
        StatusCode: 400,
      },
    );
  });
});
