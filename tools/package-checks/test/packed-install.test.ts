import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishablePackages, repoRoot } from './publishable-packages.js';

const packages = publishablePackages();
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);
// Children must not inherit nx's FORCE_COLOR: their output is parsed.
const { FORCE_COLOR: _ignored, ...plainEnv } = process.env;
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...plainEnv, NO_COLOR: '1' },
  });

// What a user writes first; it must type-check against the published declarations alone.
const consumers: Record<string, string> = {
  '@vbem/model': `
import { type BackupJobSession, type RootValue, findLinks, formatEmDateTime, objectTypeDescriptors, parseUid, SessionResult, sessionDuration } from '@vbem/model';
const ref: RootValue<'EntityRef'> = { UID: 'urn:veeam:Job:1', Name: 'n', Href: 'h', Type: 'JobReference', Links: [] };
const result: SessionResult = SessionResult.Failed;
const later: SessionResult = 'FromANewerEm';
declare const session: BackupJobSession;
const d = sessionDuration(session);
const ms: number = d.running ? d.elapsedMs : d.durationMs;
const order: string[] = objectTypeDescriptors.BackupJobSession.elements.map((f) => f.name);
// Options from a config, possibly undefined, pass as they are (exactOptionalPropertyTypes).
declare const cfg: { readonly microseconds?: boolean | undefined; readonly rel?: string | undefined };
const iso = formatEmDateTime(new Date(0), { microseconds: cfg.microseconds });
const links = findLinks(session, { rel: cfg.rel });
export const all = [ref, result, later, ms, order, parseUid(ref.UID).kind, iso, links];
`,
  '@vbem/xml': `
import type { QueryResult } from '@vbem/model';
import { decode, encode, XmlDecodeError, XmlLimitError, type DecodeWarning } from '@vbem/xml';
const page = decode('<QueryResult xmlns="http://www.veeam.com/ent/v1.0"><Refs /><PagingInfo PageNum="1" PageSize="1" PagesCount="1" /></QueryResult>', { root: 'QueryResult' });
const value: QueryResult = page.value;
const warnings: readonly DecodeWarning[] = page.warnings;
const any = decode('<Task xmlns="http://www.veeam.com/ent/v1.0" Href="h"><TaskId>t</TaskId><State>Finished</State><Operation>o</Operation></Task>');
const taskId: string | undefined = any.root === 'Task' ? any.value.TaskId : undefined;
const xml: string = encode('QueryResult', value, { declaration: false });
declare const cfg: { readonly maxBytes?: number | undefined; readonly strict?: boolean | undefined };
const again = decode(xml, { maxBytes: cfg.maxBytes, strict: cfg.strict });
export const all = [warnings.length, taskId, xml, XmlDecodeError.name, XmlLimitError.name, again.root];
`,
  '@vbem/emulator': `
import { DEFAULT_USER, generateDataset, startEmulator, type EmulatorStats, type FaultRule } from '@vbem/emulator';
const rule: FaultRule = { fault: { kind: 'status', status: 503, retryAfter: '1' }, path: '/backupSessions', times: 2 };
const dataset = generateDataset({ seed: 1, jobs: 8, days: 2 });
const rows: number = dataset.jobSessions.count;
declare const cfg: { readonly port?: number | undefined; readonly seed?: number | undefined };
export async function run(): Promise<EmulatorStats> {
  const emulator = await startEmulator({ faults: [rule], users: [DEFAULT_USER], port: cfg.port, dataset: { seed: cfg.seed } });
  const url: string = emulator.url;
  await emulator.close();
  return { ...emulator.stats(), requests: rows + url.length };
}
`,
  '@vbem/reporting': `
import { buildReport, renderPrometheus, renderText, ReportError, type SessionReport } from '@vbem/reporting';
declare const cfg: { readonly since?: string | undefined; readonly width?: number | undefined };
export async function run(): Promise<[SessionReport, string, string]> {
  const report = await buildReport({ sessions: [] }, { since: '24h', policy: 'warning-is-success' });
  await buildReport({ sessions: [] }, { since: cfg.since });
  return [report, renderText(report, { width: cfg.width }), renderPrometheus(report) + ReportError.name];
}
`,
  '@vbem/client': `
import { AuthenticationError, createClient, type EmClient, type JobSession, VbemError, where } from '@vbem/client';
declare const cfg: { readonly signal?: AbortSignal | undefined; readonly since?: string | undefined };
export async function run(): Promise<string[]> {
  await using client: EmClient = createClient({ url: 'https://em.example.com:9398', username: 'u', password: 'p', tls: { fingerprint256: 'AB'.repeat(32) }, signal: cfg.signal });
  await client.sessions({ since: cfg.since, signal: cfg.signal }).toArray();
  const names: string[] = [];
  for await (const session of client.sessions({ since: '7d', result: ['Failed', 'Warning'] })) {
    const typed: JobSession = session;
    names.push(typed.JobName);
  }
  const failed = where('Result', '==', 'Failed').and('CreationTime', '>=', new Date(0));
  for await (const task of client.query('BackupTaskSession', { filter: failed, pageSize: 500 })) names.push(task.Reason);
  try {
    await client.backupSessions.get('urn:veeam:BackupJobSession:0');
  } catch (error) {
    if (error instanceof AuthenticationError || error instanceof VbemError) names.push(error.name);
  }
  return names;
}
`,
  '@vbem/cli': `
import { CliError, UsageError, vbem } from '@vbem/cli';
export async function run(): Promise<number> {
  const code: number = await vbem(['--version']);
  return code + CliError.name.length + UsageError.name.length;
}
`,
};

// A client is used where fetch exists: its consumer has the DOM types (fetch, AbortSignal) and
// `AsyncDisposable` (TypeScript >= 5.2), which Node users get from @types/node instead.
const extraLibs: Record<string, string[]> = {
  '@vbem/client': ['DOM', 'ESNext.Disposable'],
};

let project: string;
let tarballs: string;

beforeAll(() => {
  // Outside the repository, so nothing resolves through the workspace's node_modules.
  project = mkdtempSync(join(tmpdir(), 'vbem-packed-'));
  tarballs = join(project, 'tarballs');
  mkdirSync(tarballs);
  for (const { dir } of packages)
    run('npm', ['pack', '--silent', '--pack-destination', tarballs], dir);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...files],
    project,
  );
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe.each(packages)('$name, packed and installed', ({ name, dir }) => {
  it('has a consumer check', () => {
    expect(consumers[name], `add a consumer for ${name} to this test`).toBeDefined();
  });

  it('ships its licence and no build leftovers', () => {
    const installed = join(project, 'node_modules', name);
    expect(existsSync(join(installed, 'LICENSE')), 'LICENSE').toBe(true);
    const dist = join(installed, 'dist');
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' });
    expect(files.filter((file) => file.endsWith('.tsbuildinfo'))).toEqual([]);
    // tsc -b never deletes the output of a removed source: such files would be published.
    const orphans = files
      .filter((file) => file.endsWith('.js'))
      .filter((file) => !existsSync(join(installed, 'src', file.replace(/\.js$/, '.ts'))));
    expect(orphans, 'dist files without a source (run npm run clean, then build)').toEqual([]);
  });

  it('depends on the other @vbem packages by caret range', () => {
    // An exact pin would make npm install a second copy of @vbem/model next to a newer one the
    // user installed, and `instanceof VbemError` would then fail for this package's errors.
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const internal = Object.entries<string>(manifest.dependencies ?? {}).filter(([dependency]) =>
      dependency.startsWith('@vbem/'),
    );
    for (const [dependency, range] of internal) expect(range, dependency).toMatch(/^\^\d/);
  });

  it('imports on its own in a fresh Node process', () => {
    const out = run(
      'node',
      [
        '--input-type=module',
        '-e',
        `const m = await import('${name}'); console.log(String(Object.keys(m).length));`,
      ],
      project,
    );
    expect(Number(out.trim()), out).toBeGreaterThan(0);
  });

  it('type-checks a consumer against its published types', () => {
    const consumerDir = join(project, name.replace('/', '__'));
    mkdirSync(consumerDir, { recursive: true });
    writeFileSync(join(consumerDir, 'consumer.ts'), consumers[name] ?? '');
    writeFileSync(
      join(consumerDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          lib: ['ES2022', ...(extraLibs[name] ?? [])],
          types: [],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          skipLibCheck: false,
          exactOptionalPropertyTypes: true,
        },
        files: ['consumer.ts'],
      }),
    );
    try {
      run(
        process.execPath,
        [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', consumerDir],
        consumerDir,
      );
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      expect.fail(`the consumer of ${name} does not type-check:\n${stdout ?? ''}${stderr ?? ''}`);
    }
  });

  it('passes publint and are-the-types-wrong', () => {
    expect(() => run(bin('publint'), ['--strict'], dir)).not.toThrow();
    expect(() =>
      run(bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii'], dir),
    ).not.toThrow();
  });
});
