#!/usr/bin/env node
// A committed shim, so that `npm ci` can link the bin before dist/ is built.
import '../dist/cli.js';
