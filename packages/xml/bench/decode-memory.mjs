// Child process: the most memory one decode of the document in argv[2] holds at once, above what
// was in use before it. Run with a 1 MB young generation (--max-semi-space-size=1), so that V8
// collects after every MB or so of allocation; the heap in use after each of those collections is
// what the decode holds at that moment, garbage excluded. The peak is the largest of them, or the
// decoded value itself when larger. (RSS cannot answer this: it counts garbage not yet collected,
// and the kernel's counters lag by more than a small document's whole decode.)
import { readFileSync } from 'node:fs';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { decode } from '@vbem/xml';
import { generateDocument } from './generate-document.mjs';

const gc = globalThis.gc;
const heapInUse = () => getHeapStatistics().used_heap_size;

const xml = readFileSync(process.argv[2], 'utf8');
// Compile every code path first, on a small document of the same shape, so the figure is the decode's own.
for (let i = 0; i < 20; i++) decode(generateDocument(20_000).xml, { root: 'QueryResult' });
gc();
const before = heapInUse();
const profiler = new GCProfiler();
profiler.start();
const result = decode(xml, { root: 'QueryResult', maxBytes: 2 ** 30 });
const { statistics } = profiler.stop();
gc();
const after = heapInUse();
const peak = Math.max(after, ...statistics.map((s) => s.afterGC.heapStatistics.usedHeapSize));
process.stdout.write(
  JSON.stringify({
    before,
    peak,
    collections: statistics.length,
    sessions: result.value.Entities.BackupJobSessions.BackupJobSessions.length,
  }),
);
