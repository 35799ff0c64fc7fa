// `node --import ./hold-main-import.mjs bin/vbem.js …`: the CLI's dist/main.js does not load
// (VBEM_TEST_HOLD=load, the default) or does not finish its evaluation (VBEM_TEST_HOLD=evaluate)
// until the file named by VBEM_TEST_GATE exists, and `holding dist/main.js` on stderr says it
// waits, so that a test can send a signal while the CLI is still loading.
import { register } from 'node:module';

register('./hold-main-hooks.mjs', import.meta.url, {
  data: { gate: process.env.VBEM_TEST_GATE, phase: process.env.VBEM_TEST_HOLD },
});
