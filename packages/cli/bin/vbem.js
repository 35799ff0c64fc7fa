#!/usr/bin/env node
// A committed shim, so that `npm ci` can link the bin before dist/ is built.
// Only the small early-signals module is imported statically: a stop signal that comes while
// the rest loads is remembered, and main acts on it as on one that comes later. main takes over
// the listening itself: its own listeners go on before the early ones come off.
import { catchEarlySignals } from '../dist/early-signals.js';

const takeEarlySignal = catchEarlySignals();
const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv.slice(2), undefined, takeEarlySignal);
