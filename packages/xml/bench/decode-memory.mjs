// Child process: peak memory of one decode of the document in argv[2], above the memory in use before it.
import { readFileSync, writeFileSync } from 'node:fs';
import { decode } from '@vbem/xml';
import { generateDocument } from './generate-document.mjs';

const statusKiB = (field) =>
  Number(
    new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1],
  );

const xml = readFileSync(process.argv[2], 'utf8');
// Compile every code path first, on a small document of the same shape, so the figure is the decode's own.
for (let i = 0; i < 20; i++) decode(generateDocument(20_000).xml, { root: 'QueryResult' });
globalThis.gc?.();
// Linux: reset the peak-RSS mark (VmHWM) to the current RSS, so the peak below is this decode's alone.
writeFileSync('/proc/self/clear_refs', '5');
const before = statusKiB('VmRSS') * 1024;
const result = decode(xml, { root: 'QueryResult', maxBytes: 2 ** 30 });
const peak = statusKiB('VmHWM') * 1024;
process.stdout.write(
  JSON.stringify({
    before,
    peak,
    sessions: result.value.Entities.BackupJobSessions.BackupJobSessions.length,
  }),
);
