import { describe, expect, it } from 'vitest';
import { vbemInProcess } from './helpers/vbem-in-process.js';

describe('plain http', () => {
  it('the warning comes first, with --quiet too; the demo stays quiet', async () => {
    // Port 9 is one fetch refuses to send to: the run fails at once, with no network.
    for (const command of ['sessions', 'check']) {
      const run = await vbemInProcess(
        [command, '--url', 'http://em.invalid:9', '--username', 'u', '--quiet'],
        { env: { VBEM_PASSWORD: 'pw' } },
      );
      expect(run.stderr.split('\n')[0]).toBe(
        'vbem: warning: http://em.invalid:9 is plain http, without TLS: anyone on the network path can read the password, the session token and the data; use https (EM serves it on port 9398)',
      );
      expect(run.stderr.match(/plain http/g)).toHaveLength(1);
    }
    const demo = await vbemInProcess(['sessions', '--demo', '--since', '1h']);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stderr).toBe('');
  });
});
