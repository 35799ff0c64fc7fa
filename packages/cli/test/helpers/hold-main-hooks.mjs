// Module hooks (they run on their own thread) for hold-main-import.mjs.
import { existsSync, writeSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

let gate = '';
let phase = 'load';

export function initialize(data) {
  gate = data.gate;
  phase = data.phase ?? 'load';
}

// Appended to dist/main.js: its evaluation, which runs on the main thread with no event loop
// turn, waits for the gate in a busy loop.
const holdWhileEvaluated = (file) => `
import { existsSync as __exists, writeSync as __write } from 'node:fs';
__write(2, 'holding dist/main.js\\n');
while (!__exists(${JSON.stringify(file)}));
`;

export async function load(url, context, nextLoad) {
  if (!url.endsWith('/cli/dist/main.js')) return nextLoad(url, context);
  if (phase === 'evaluate') {
    const loaded = await nextLoad(url, context);
    return { ...loaded, source: `${loaded.source}${holdWhileEvaluated(gate)}` };
  }
  writeSync(2, 'holding dist/main.js\n');
  while (!existsSync(gate)) await delay(5);
  return nextLoad(url, context);
}
