// `node --import ./hold-main-import.mjs bin/vbem.js …`: the CLI's dist/main.js does not load
// until the file named by VBEM_TEST_GATE exists, and `holding dist/main.js` on stderr says it
// waits, so that a test can send a signal while the CLI is still loading.
import { register } from 'node:module';

register('./hold-main-hooks.mjs', import.meta.url, {
  data: { gate: process.env.VBEM_TEST_GATE },
});
