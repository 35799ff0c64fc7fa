// Child process: peak memory of one decode of the document in argv[2], above the memory in use before it.
import { readFileSync } from 'node:fs';
import { decode } from '@vbem/xml';

const xml = readFileSync(process.argv[2], 'utf8');
decode(
  xml.slice(0, 0) ||
    '<Task xmlns="http://www.veeam.com/ent/v1.0" Href="h"><TaskId>t</TaskId><State>s</State><Operation>o</Operation></Task>',
);
globalThis.gc?.();
const before = process.memoryUsage().rss;
const result = decode(xml, { root: 'QueryResult', maxBytes: 2 ** 30 });
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  JSON.stringify({
    before,
    peak,
    sessions: result.value.Entities.BackupJobSessions.BackupJobSessions.length,
  }),
);
