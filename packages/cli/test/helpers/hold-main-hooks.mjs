// Module hooks (they run on their own thread) for hold-main-import.mjs.
import { existsSync, writeSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

let gate = '';

export function initialize(data) {
  gate = data.gate;
}

export async function load(url, context, nextLoad) {
  if (url.endsWith('/cli/dist/main.js')) {
    writeSync(2, 'holding dist/main.js\n');
    while (!existsSync(gate)) await delay(5);
  }
  return nextLoad(url, context);
}
