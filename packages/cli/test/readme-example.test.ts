import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runVbem } from './helpers/run-vbem.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = readme.split('## Example')[1]?.split('```sh\n')[1]?.split('```')[0] ?? '';
const commands = example
  .trim()
  .split('\n')
  .map((line) => line.trim());

afterAll(() => rmSync('/tmp/vbem-weekly.html', { force: true }));

describe('the README example', () => {
  it('has the demo commands', () => {
    expect(commands.length).toBeGreaterThanOrEqual(3);
    expect(commands.every((line) => line.startsWith('vbem ') && line.includes('--demo'))).toBe(
      true,
    );
  });

  it.each(commands)('%s', async (line) => {
    const args = line.replace(/^vbem /, '').split(/\s+/);
    const run = await runVbem(args);
    // check reports what it finds: the demo has failures, so CRITICAL (2) is the expected answer.
    expect(run.code, run.stderr).toBe(args[0] === 'check' ? 2 : 0);
    if (args[0] !== 'report' || !args.includes('--output'))
      expect(run.stdout.length).toBeGreaterThan(0);
  });
});
