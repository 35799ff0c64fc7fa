import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build-report.js';
import type { ReportInput, ReportJobSession } from '../src/index.js';
import { sampleInput } from './report-samples.js';

const schemaFile = fileURLToPath(
  new URL('../../../schemas/report/session-report.schema.json', import.meta.url),
);
const script = fileURLToPath(new URL('../scripts/report-schema.mjs', import.meta.url));

/** The input with one more session, of a job of its own, that names no backup server. */
function withServerlessSession(input: ReportInput): ReportInput {
  const [first] = input.sessions as ReportJobSession[];
  if (first === undefined) throw new Error('the sample has no session');
  const serverless: ReportJobSession = {
    ...first,
    UID: 'urn:veeam:BackupJobSession:serverless',
    JobUid: 'urn:veeam:Job:serverless',
    JobName: 'Serverless Backup',
    Links: [],
  };
  return { ...input, sessions: [...(input.sessions as ReportJobSession[]), serverless] };
}

describe('schemas/report/session-report.schema.json', () => {
  // A whole TypeScript program in a child process: about 2.5 s alone, far more on a busy machine.
  it('is what typescript-json-schema makes of src/report.ts today (no drift)', {
    timeout: 60_000,
  }, () => {
    expect(() =>
      execFileSync(process.execPath, [script, 'check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('validates the JSON of real reports, and refuses a broken one', async () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    for (const options of [
      {},
      {
        policy: 'warning-is-success' as const,
        groupBy: 'backupServer' as const,
        timeZone: 'Europe/Berlin',
      },
    ]) {
      const report = await buildReport(withServerlessSession(sampleInput()), {
        now: new Date('2026-11-20T12:00:00Z'),
        ...options,
      });
      if (options.groupBy === 'backupServer') {
        // The group of the jobs whose sessions named no backup server: its key is null.
        expect(report.groups.map((group) => group.key)).toContain(null);
      }
      const json: unknown = JSON.parse(JSON.stringify(report));
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    }
    const empty = await buildReport({ sessions: [] }, { now: new Date('2026-11-20T12:00:00Z') });
    expect(validate(JSON.parse(JSON.stringify(empty)))).toBe(true);
    expect(validate({ ...empty, jobs: [{ jobName: 1 }] })).toBe(false);
    expect(validate({ ...empty, generatedAt: 'yesterday' })).toBe(false);
  });

  it('ships in the package as @vbem/reporting/session-report.schema.json', () => {
    // Resolved through the package's exports map, as a consumer's import would be.
    const shipped = createRequire(import.meta.url).resolve(
      '@vbem/reporting/session-report.schema.json',
    );
    expect(readFileSync(shipped, 'utf8')).toBe(readFileSync(schemaFile, 'utf8'));
  });
});
