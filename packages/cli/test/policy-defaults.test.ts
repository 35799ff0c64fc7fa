import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

/** The default of `--policy` in the help of `command`. */
async function policyDefault(command: string): Promise<string | undefined> {
  const run = await vbemInProcess([command, '--help']);
  return /--policy <policy>[\s\S]*?default: "([^"]+)"/.exec(run.stdout)?.[1];
}

describe('the success policies of report and check', () => {
  it('differ by default, as the README says', async () => {
    expect(await policyDefault('report')).toBe('strict');
    expect(await policyDefault('check')).toBe('warning-is-success');
    expect(readme).toContain(
      '`vbem report` defaults to `--policy strict`, `vbem check` to `--policy warning-is-success`',
    );
    expect(readme).toContain('Give both the same `--policy` for the same verdicts.');
  });
});
