// npm run bench: @vbem/client against what the peers do with bare ky, on the emulator in its own
// process. Four figures: (1) requests and wall time of a 30-day crawl at 20 ms latency against the
// N+1 walk, (2) sessions/s of a 100,000-session crawl in XML and JSON and where the time goes,
// (3) the client's overhead per request against bare ky, (4) peak RSS of a client process
// streaming a million sessions. Ratios compare runs made in this process; nothing asserts a time.
// Run after `npx nx run-many -t build`: node --expose-gc bench/run.mjs [figure numbers, e.g. 1 3]
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createClient } from '@vbem/client';
import { fromJson } from '@vbem/model';
import { decode } from '@vbem/xml';
import ky from 'ky';
import { Agent, fetch as undiciFetch } from 'undici';
import { bareLogon, nPlusOneWalk, USER } from './bare-em.mjs';
import { exited, forkChild, nextMessage, startEmulatorProcess } from './children.mjs';
import { BUCKET_NOTES, profileShares, startProfiler } from './profile-shares.mjs';

if (typeof globalThis.gc !== 'function') {
  console.error('Run with node --expose-gc (npm run bench does): runs start after a collection.');
  process.exit(2);
}
const gc = globalThis.gc;

/** The datasets' "now", also the emulator's clock and the crawls' `now`: every run sees the same EM. */
const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY_MS = 86_400_000;
const LATENCY_MS = 20;
const MAX_BYTES = 256 * 2 ** 20; // the client's default maxResponseBytes, passed to decode alike
/** `bench/run.mjs 1 3` runs figures 1 and 3; the summary then lists only those. */
const selected = new Set(process.argv.slice(2).map(Number));
const wanted = (figure) => selected.size === 0 || selected.has(figure);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;
const int = (n) => Math.round(n).toLocaleString('en-US');
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const pct = (part, whole) => `${((100 * part) / whole).toFixed(1).padStart(5)} %`;
const indent = (text) => text.replace(/^/gm, '   ');

/** Summary rows: figure, what was measured, its value, the target (if any), met or missed. */
const summary = [];
const report = (figure, name, value, target, met) =>
  summary.push({ figure, name, value, target, met });
const phases = [];

async function timed(label, run) {
  const started = performance.now();
  try {
    return await run();
  } finally {
    phases.push({ label, ms: performance.now() - started });
  }
}

console.log(
  `@vbem/client benchmark on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), Node ${process.version}`,
);
console.log(
  `The emulator runs in its own process (bench/emulator-process.mjs); dataset now = ${NOW.toISOString()}.\n`,
);

// ---------------------------------------------------------------------------------------------
// 1. A 30-day crawl at 20 ms latency: client.sessions() against the N+1 walk with bare ky.
// ---------------------------------------------------------------------------------------------
async function crawlFigure() {
  // 64 jobs × 30 days × 1 run a day, plus retries: about 2,000 job sessions, all of them in the
  // last 30 days (so /backupSessions and /replicaSessions list exactly the window).
  const dataset = { jobs: 64, days: 30, sessionsPerDay: 1, vmsPerJob: 4, now: NOW };
  const since = new Date(NOW.getTime() - 30 * DAY_MS);
  const em = await startEmulatorProcess({
    dataset,
    faults: [{ fault: { kind: 'latency', ms: LATENCY_MS }, times: Number.POSITIVE_INFINITY }],
  });
  console.log(
    `1. A 30-day crawl, ${LATENCY_MS} ms added to every request by the emulator ` +
      `(dataset jobs=${dataset.jobs} days=${dataset.days} sessionsPerDay=${dataset.sessionsPerDay}: ` +
      `${int(em.jobSessions)} job sessions)`,
  );
  try {
    /** Wall time of `run`, and the requests the emulator counted meanwhile (read over IPC outside the timing). */
    const measured = async (run) => {
      const before = (await em.stats()).requests;
      const started = performance.now();
      const value = await run();
      const ms = performance.now() - started;
      return { ...value, ms, requests: (await em.stats()).requests - before };
    };
    const clientCrawl = (options = {}, clientOptions = {}) =>
      measured(async () => {
        let responses = 0;
        const client = createClient({
          url: em.url,
          ...USER,
          ...clientOptions,
          onEvent: (event) => {
            if (event.type === 'response') responses++;
          },
        });
        let sessions = 0;
        try {
          for await (const _session of client.sessions({
            since: '30d',
            now: () => NOW,
            ...options,
          })) {
            sessions++;
          }
        } finally {
          await client.close();
        }
        return { sessions, responses };
      });

    await clientCrawl(); // warm-up: JIT, not connections (every client has its own pool)
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await clientCrawl());
    const ours = runs.find((run) => run.ms === median(runs.map((r) => r.ms)));
    const daily = await clientCrawl({ sliceBy: '1d' });
    const json = await clientCrawl({}, { format: 'json' });
    const sequential = await measured(() => nPlusOneWalk(em.url, { since, concurrency: 1 }));
    const fourWay = await measured(() => nPlusOneWalk(em.url, { since, concurrency: 4 }));

    const row = (label, run) =>
      `${label.padEnd(58)} ${int(run.sessions).padStart(6)} sessions ${int(run.requests).padStart(6)} requests ${sec(run.ms).padStart(9)}`;
    console.log(
      indent(
        [
          row("client.sessions({ since: '30d' }), defaults (median of 5)", ours),
          row("  the same with sliceBy: '1d' (fixed daily slices, one run)", daily),
          row("  the same with format: 'json' (one run)", json),
          row('N+1 walk, bare ky, sequential (as the peers do)', sequential),
          row('N+1 walk, bare ky, 4 requests at a time', fourWay),
        ].join('\n'),
      ),
    );
    console.log(
      indent(
        `client runs: ${runs.map((r) => sec(r.ms)).join(', ')}; client's own 'response' events: ${ours.responses} ` +
          `(the emulator counted ${ours.requests}: GET /api/, logon, ${ours.requests - 3} query requests, logoff)`,
      ),
    );
    if (ours.sessions !== sequential.sessions || ours.sessions !== fourWay.sessions) {
      console.log(
        indent(
          `WARNING: session counts differ (client ${ours.sessions}, N+1 ${sequential.sessions}/${fourWay.sessions})`,
        ),
      );
    }
    const requestRatio = sequential.requests / ours.requests;
    const wallRatio = sequential.ms / ours.ms;
    const wallRatio4 = fourWay.ms / ours.ms;
    console.log(
      indent(
        `N+1 ÷ client: ${requestRatio.toFixed(1)}× the requests, ${wallRatio.toFixed(1)}× the wall time ` +
          `(4-way N+1: ${(fourWay.requests / ours.requests).toFixed(1)}× the requests, ${wallRatio4.toFixed(1)}× the time); ` +
          `in JSON the client takes ${sec(json.ms)}: ${(sequential.ms / json.ms).toFixed(1)}× / ${(fourWay.ms / json.ms).toFixed(1)}× less than the sequential / 4-way walk`,
      ),
    );
    report(
      1,
      'requests: N+1 walk ÷ client.sessions (30 d, defaults)',
      `${requestRatio.toFixed(1)}×`,
      '≥ 50×',
      requestRatio >= 50,
    );
    report(
      1,
      'wall time: sequential N+1 ÷ client.sessions',
      `${wallRatio.toFixed(1)}×`,
      '≥ 20×',
      wallRatio >= 20,
    );
    report(
      1,
      'wall time: 4-way N+1 ÷ client.sessions',
      `${wallRatio4.toFixed(1)}×`,
      '≥ 20×',
      wallRatio4 >= 20,
    );
    report(
      1,
      "  (info) requests: N+1 ÷ client with sliceBy '1d'",
      `${(sequential.requests / daily.requests).toFixed(1)}×`,
      '',
      undefined,
    );
    report(
      1,
      "  (info) wall: 4-way N+1 ÷ client with format 'json'",
      `${(fourWay.ms / json.ms).toFixed(1)}×`,
      '',
      undefined,
    );
  } finally {
    await em.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. A crawl of 100,000 job sessions without latency: sessions/s and where the wall time goes.
// 3. The client's overhead per request against bare ky (same emulator).
// ---------------------------------------------------------------------------------------------
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** What the client does with a page body (decode-body.ts), without the client. */
const DECODE_PAGE = {
  xml: (body) => decode(body, { root: 'QueryResult', maxBytes: MAX_BYTES }),
  json: (body) => fromJson('QueryResult', JSON.parse(utf8.decode(body))),
};
const ACCEPT = { xml: 'application/xml', json: 'application/json' };

/** GETs the page URLs with undici's fetch (the client's undici), `concurrency` at a time, reading every body. */
async function fetchPages(url, urls, format, concurrency) {
  const dispatcher = new Agent();
  const logon = await bareLogon(url);
  const headers = { ...logon.headers, Accept: ACCEPT[format] };
  const bodies = new Array(urls.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const index = next++;
        const response = await undiciFetch(urls[index], { headers, dispatcher });
        const body = new Uint8Array(await response.arrayBuffer());
        if (response.status !== 200) throw new Error(`GET ${urls[index]}: ${response.status}`);
        bodies[index] = body;
      }
    }),
  );
  const ms = performance.now() - started;
  await logon.logoff();
  await dispatcher.close();
  return { bodies, ms };
}

async function throughputFigure(em, since) {
  const concurrency = 4; // the client's default, written out for the transport baseline
  for (const format of ['xml', 'json']) {
    const crawl = async (window, pageUrls) => {
      let requests = 0;
      const client = createClient({
        url: em.url,
        ...USER,
        format,
        onEvent: (event) => {
          if (event.type !== 'response') return;
          requests++;
          if (pageUrls && event.url.includes('/query?')) pageUrls.push(event.url);
        },
      });
      let sessions = 0;
      gc();
      const profiler = pageUrls ? await startProfiler() : undefined;
      const started = performance.now();
      try {
        for await (const _session of client.sessions({ since: window, now: () => NOW })) sessions++;
      } finally {
        await client.close();
      }
      const ms = performance.now() - started;
      const profile = await profiler?.stop();
      return { sessions, requests, ms, shares: profile && profileShares(profile) };
    };
    await crawl('3d'); // warm-up
    const queryUrls = [];
    const run = await crawl(since, queryUrls);
    // The count requests (format=References, pageSize=1) are not pages of sessions.
    const pageUrls = queryUrls.filter((url) => !/format=References/i.test(url));
    // Transport alone: the same pages with a bare undici fetch, as many at a time as the client.
    const transport = await fetchPages(em.url, pageUrls, format, concurrency);
    const bytes = transport.bodies.reduce((sum, body) => sum + body.byteLength, 0);
    // Decode alone: the same bodies one after the other, as decode-body.ts does. XML decodes so
    // slowly that the first 20 pages give its rate; JSON takes every page.
    const sample = format === 'xml' ? transport.bodies.slice(0, 20) : transport.bodies;
    const sampleBytes = sample.reduce((sum, body) => sum + body.byteLength, 0);
    gc();
    const decodeStarted = performance.now();
    for (const body of sample) DECODE_PAGE[format](body);
    const decodeMs = performance.now() - decodeStarted;
    transport.bodies.length = 0;

    const rate = (run.sessions / run.ms) * 1000;
    const profiled = Object.values(run.shares).reduce((sum, v) => sum + v, 0);
    const share = (name) => run.shares[name] / profiled;
    const line = (name, label, note = '') =>
      `      ${label.padEnd(34)} ${sec(share(name) * run.ms).padStart(8)} ${pct(run.shares[name], profiled)}${note}`;
    const decodeRateInCrawl = bytes / 1e6 / ((share('decode') * run.ms) / 1000);
    console.log(
      indent(
        [
          `${format.toUpperCase()}: ${int(run.sessions)} sessions, ${run.requests} requests (${pageUrls.length} pages, ` +
            `${queryUrls.length - pageUrls.length} counts, ${(bytes / 1e6).toFixed(0)} MB), ${sec(run.ms)}: ${int(rate)} sessions/s`,
          '   the wall time, by the CPU profile of this crawl (V8 sampling profiler, 1 ms):',
          line('waiting', 'waiting for bytes (loop idle)'),
          line('transport', 'transport in this process', `  ${BUCKET_NOTES.transport}`),
          line(
            'decode',
            'decode',
            `  ${format === 'xml' ? '@vbem/xml decode' : 'TextDecoder + JSON.parse + @vbem/model fromJson'} (${decodeRateInCrawl.toFixed(1)} MB/s)`,
          ),
          line('client', 'the client itself', `  ${BUCKET_NOTES.client}`),
          line('gc', 'garbage collection', '  mostly decode garbage'),
          line('other', 'other', '  the bench loop, microtask plumbing, native frames'),
          `   measured separately: transport alone (bare undici fetch of the same ${pageUrls.length} pages, ${concurrency} at a time, ` +
            `bodies read) ${sec(transport.ms)} = ${int((run.sessions / transport.ms) * 1000)} sessions/s, ${pct(transport.ms, run.ms).trim()} of the crawl's wall time;`,
          `   decode alone (${sample.length === transport.bodies.length || format === 'json' ? 'every page' : `the first ${sample.length} pages`}, ` +
            `${(sampleBytes / 1e6).toFixed(0)} MB, nothing else running) ${(sampleBytes / 1e6 / (decodeMs / 1000)).toFixed(1)} MB/s`,
        ].join('\n'),
      ),
    );
    report(
      2,
      `sessions/s, 100k crawl, ${format.toUpperCase()} (defaults)`,
      int(rate),
      '',
      undefined,
    );
    report(
      2,
      `  wait / transport / decode / client / gc+other, ${format.toUpperCase()}`,
      `${['waiting', 'transport', 'decode', 'client'].map((n) => (100 * share(n)).toFixed(0)).join('/')}` +
        `/${(100 * (share('gc') + share('other'))).toFixed(0)} %`,
      '',
      undefined,
    );
  }
}

async function overheadFigure(em) {
  const logon = await bareLogon(em.url);
  const headers = logon.headers;
  const client = createClient({ url: em.url, ...USER });
  // The client with Node's own fetch instead of its undici fetch (the documented `fetch` option):
  // tells the cost of the transport wrapper from the cost of the rest of the client.
  const clientOnNodeFetch = createClient({ url: em.url, ...USER, fetch: globalThis.fetch });
  // Ids of backup sessions spread over the first 4,000 references of the query service.
  const COUNT = 200;
  const ids = [];
  let seen = 0;
  for await (const ref of client.query('BackupJobSession', {
    format: 'references',
    pageSize: 1000,
  })) {
    if (seen++ % 20 === 0) ids.push(ref.UID.slice(ref.UID.lastIndexOf(':') + 1));
    if (ids.length === COUNT) break;
  }
  const itemUrl = (id) => `${em.url}/api/backupSessions/${id}?format=Entity`;
  const variants = [
    { label: 'client.backupSessions.get(id)', get: (id) => client.backupSessions.get(id) },
    {
      label: "bare ky.get(url).text() + decode(body, { root: 'BackupJobSession' })",
      get: async (id) =>
        decode(await ky.get(itemUrl(id), { headers }).text(), { root: 'BackupJobSession' }),
    },
    {
      label: 'bare ky.get(url).text(), no decode',
      get: (id) => ky.get(itemUrl(id), { headers }).text(),
    },
    {
      label: 'client.backupSessions.get(id), option fetch: globalThis.fetch',
      get: (id) => clientOnNodeFetch.backupSessions.get(id),
    },
  ];
  try {
    for (const variant of variants)
      for (let i = 0; i < 3; i++) for (const id of ids) await variant.get(id);
    // Interleaved request by request, each variant taking each turn in rotation, so that drift
    // (the emulator's GC, the scheduler of two cores shared by two processes) hits all alike.
    const ROUNDS = 10;
    const times = variants.map(() => []);
    const cpu = variants.map(() => 0); // µs of CPU of this process (all its threads), per variant
    let turn = 0;
    for (let round = 0; round < ROUNDS; round++) {
      gc();
      for (const id of ids) {
        turn++;
        for (let k = 0; k < variants.length; k++) {
          const index = (turn + k) % variants.length;
          const cpuBefore = process.cpuUsage();
          const started = performance.now();
          await variants[index].get(id);
          times[index].push(performance.now() - started);
          const used = process.cpuUsage(cpuBefore);
          cpu[index] += used.user + used.system;
        }
      }
    }
    const medians = times.map(median);
    console.log(
      indent(
        `Sequential GETs of ${COUNT} backup sessions ?format=Entity, interleaved request by request, ${int(ROUNDS * COUNT)} per variant:`,
      ),
    );
    variants.forEach((variant, i) => {
      console.log(
        indent(
          `   ${variant.label.padEnd(68)} median ${(medians[i] * 1000).toFixed(0).padStart(4)} µs, mean ${(mean(times[i]) * 1000).toFixed(0).padStart(4)} µs, ` +
            `CPU ${(cpu[i] / times[i].length).toFixed(0).padStart(4)} µs`,
        ),
      );
    });
    const ratio = medians[0] / medians[1];
    const ratioBare = medians[0] / medians[2];
    const ratioNodeFetch = medians[3] / medians[1];
    const cpuRatio = cpu[0] / cpu[1];
    console.log(
      indent(
        `client ÷ bare ky + decode: ${ratio.toFixed(2)}× (same work); client ÷ bare ky without decode: ${ratioBare.toFixed(2)}×; ` +
          `client on Node's fetch ÷ bare ky + decode: ${ratioNodeFetch.toFixed(2)}×; ` +
          `CPU per request (this process, all threads), client ÷ bare ky + decode: ${cpuRatio.toFixed(2)}×`,
      ),
    );
    report(
      3,
      'per request: client.get ÷ bare ky + decode',
      `${ratio.toFixed(2)}×`,
      '≤ 1.1×',
      ratio <= 1.1,
    );
    report(
      3,
      '  (info) client.get ÷ bare ky, no decode in baseline',
      `${ratioBare.toFixed(2)}×`,
      '',
      undefined,
    );
    report(
      3,
      '  (info) client.get on fetch: globalThis.fetch ÷ bare ky + decode',
      `${ratioNodeFetch.toFixed(2)}×`,
      '',
      undefined,
    );
    report(
      3,
      '  (info) CPU per request, client.get ÷ bare ky + decode',
      `${cpuRatio.toFixed(2)}×`,
      '',
      undefined,
    );
  } finally {
    await client.close();
    await clientOnNodeFetch.close();
    await logon.logoff();
  }
}

async function throughputAndOverhead() {
  // 1,000 jobs × 95 days, plus retries: about 100,000 job sessions, crawled whole.
  const dataset = { jobs: 1000, days: 95, sessionsPerDay: 1, vmsPerJob: 4, now: NOW };
  const em = await startEmulatorProcess({ dataset });
  try {
    if (wanted(2)) {
      console.log(
        `2. A crawl of every job session, no added latency (dataset jobs=${dataset.jobs} days=${dataset.days}: ` +
          `${int(em.jobSessions)} job sessions), client.sessions({ since: '96d' }) with default options`,
      );
      await timed('2. 100k crawl, XML and JSON', () => throughputFigure(em, '96d'));
      console.log();
    }
    if (wanted(3)) {
      console.log('3. The client per request against bare ky, same emulator, same URLs');
      await timed('3. overhead per request', () => overheadFigure(em));
      console.log();
    }
  } finally {
    await em.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Peak RSS of a client process streaming a million sessions.
// ---------------------------------------------------------------------------------------------
async function streamInChild(url, format, since, limit, options) {
  // Node flags for the streaming process alone, e.g. BENCH_STREAM_NODE_FLAGS='--trace-gc'.
  const flags = process.env.BENCH_STREAM_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = forkChild('./stream-sessions.mjs', flags);
  try {
    const done = nextMessage(child, 'done');
    child.send({ url, format, since, now: NOW, limit, options });
    return await done;
  } finally {
    if (child.connected) child.disconnect();
    await exited(child);
  }
}

async function memoryFigure() {
  // 10,000 jobs × 95 days, plus retries: about a million job sessions, crawled whole.
  const dataset = { jobs: 10_000, days: 95, sessionsPerDay: 1, vmsPerJob: 4, now: NOW };
  const em = await startEmulatorProcess({ dataset });
  console.log(
    `4. Streaming every job session through for await (count only) in a client process of its own, RSS sampled every 50 ms\n` +
      `   dataset jobs=${dataset.jobs} days=${dataset.days}: ${int(em.jobSessions)} job sessions, ` +
      `generated in ${sec(em.generationMs)} (emulator process RSS after generation ${em.rssMb.toFixed(0)} MB)`,
  );
  try {
    // Both formats stream the whole million by default (XML, the client's default, first).
    // BENCH_XML_SESSIONS / BENCH_JSON_SESSIONS stop a stream early, e.g. to iterate faster.
    const limitOf = (name) => (process.env[name] ? Number(process.env[name]) : undefined);
    // More sessions() options for both streams, e.g. BENCH_STREAM_OPTIONS='{"pageSize":250}'.
    const options = JSON.parse(process.env.BENCH_STREAM_OPTIONS ?? '{}');
    if (Object.keys(options).length > 0)
      console.log(`   sessions() options: ${JSON.stringify(options)}`);
    for (const [format, limit] of [
      ['xml', limitOf('BENCH_XML_SESSIONS')],
      ['json', limitOf('BENCH_JSON_SESSIONS')],
    ]) {
      const result = await streamInChild(em.url, format, '96d', limit, options);
      const rate = (result.sessions / result.ms) * 1000;
      const peak = Math.max(result.peakRssMb, result.maxRssMb);
      console.log(
        indent(
          `${format.toUpperCase()}: ${int(result.sessions)} sessions${limit ? ` (stopped at ${int(limit)})` : ''} in ${result.requests} requests, ` +
            `${sec(result.ms)}: ${int(rate)} sessions/s; RSS at start ${result.startRssMb.toFixed(0)} MB, ` +
            `peak sampled ${result.peakRssMb.toFixed(0)} MB (${result.samples} samples), kernel maxRSS ${result.maxRssMb.toFixed(0)} MB`,
        ),
      );
      const label = limit
        ? `first ${int(result.sessions)} of the stream`
        : `${int(result.sessions)} sessions`;
      report(
        4,
        `peak RSS, ${format.toUpperCase()}, ${label}`,
        `${peak.toFixed(0)} MB`,
        '≤ 200 MB',
        peak <= 200,
      );
      report(4, `  (info) sessions/s, ${format.toUpperCase()} stream`, int(rate), '', undefined);
    }
    report(4, '  (info) generating the 1M-session dataset', sec(em.generationMs), '', undefined);
  } finally {
    await em.close();
  }
}

// ---------------------------------------------------------------------------------------------
const started = performance.now();
try {
  if (wanted(1)) {
    await timed('1. 30-day crawl at 20 ms (N+1 walks dominate)', crawlFigure);
    console.log();
  }
  if (wanted(2) || wanted(3)) await throughputAndOverhead();
  if (wanted(4)) {
    await timed('4. million-session stream', memoryFigure);
    console.log();
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}

console.log('Summary');
const widths = [7, 58, 18, 9];
console.log(
  `  ${'figure'.padEnd(widths[0])}${'measured'.padEnd(widths[1])}${'value'.padStart(widths[2])}  ${'target'.padEnd(widths[3])} status`,
);
for (const row of summary) {
  const status = row.met === undefined ? '' : row.met ? 'met' : 'MISSED';
  console.log(
    `  ${String(row.figure).padEnd(widths[0])}${row.name.padEnd(widths[1])}${row.value.padStart(widths[2])}  ${row.target.padEnd(widths[3])} ${status}`,
  );
}
console.log(
  `\nTotal ${sec(performance.now() - started)}: ${phases.map((p) => `${p.label} ${sec(p.ms)}`).join('; ')}`,
);
