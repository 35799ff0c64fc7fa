#!/usr/bin/env node
// A committed shim, so that `npm ci` can link the bin before dist/ is built.
// Only the small early-signals module is imported statically: a stop signal that comes while
// the rest loads is remembered, and main acts on it as on one that comes later.
import { catchEarlySignals } from '../dist/early-signals.js';

const signalBeforeMain = catchEarlySignals();
const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv.slice(2), undefined, signalBeforeMain());
