#!/usr/bin/env node
// A committed shim, so that `npm ci` can link the bin before dist/ is built.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
