import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/vbem-emulator.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url)));

/** The link npm installs, which the README tells scripts to run instead of `npx`. */
const linkedBin = fileURLToPath(
  new URL('../../../node_modules/.bin/vbem-emulator', import.meta.url),
);

/** Starts `vbem-emulator args…` and waits for the URL it prints (once it says how to stop it). */
async function startCli(args: readonly string[], command = [process.execPath, bin]) {
  const [file, ...first] = command as [string, ...string[]];
  const child = spawn(file, [...first, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/api\//.exec(output);
      if (match && output.includes('Ctrl-C stops')) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  return { child, url, output };
}

describe.skipIf(!built)('vbem-emulator (the built CLI; run after `nx run emulator:build`)', () => {
  it('starts on loopback, prints the URL and the account, serves, and stops on SIGTERM', async () => {
    const { child, url, output } = await startCli(['--jobs', '8', '--days', '5']);
    expect(output).toMatch(/log on as emulator \/ emulator \(the default account\)/);
    expect((await fetch(`${url}/api/`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it.skipIf(!existsSync(linkedBin))(
    'stops on SIGTERM and SIGINT when run as node_modules/.bin/vbem-emulator, as the README advises scripts',
    async () => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        const { child } = await startCli(['--jobs', '2', '--days', '2'], [linkedBin]);
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill(signal);
        expect(await exited).toBe(0);
      }
    },
  );

  it('runs a one-job EM, with one session running unless --running says otherwise', async () => {
    for (const [args, running] of [
      [['--jobs', '1'], 1],
      [['--jobs', '3', '--running', '0'], 0],
      [['--jobs', '0'], 0],
    ] as const) {
      const { child, url } = await startCli(['--days', '2', ...args]);
      try {
        const logon = await fetch(`${url}/api/sessionMngr/?v=latest`, {
          method: 'POST',
          headers: {
            Authorization: `Basic ${Buffer.from('emulator:emulator').toString('base64')}`,
          },
        });
        const token = logon.headers.get('x-restsvcsessionid') ?? '';
        const working = await fetch(
          `${url}/api/query?type=BackupJobSession&filter=State==Working`,
          {
            headers: { 'X-RestSvcSessionId': token },
          },
        );
        const replicas = await fetch(
          `${url}/api/query?type=ReplicaJobSession&filter=State==Working`,
          {
            headers: { 'X-RestSvcSessionId': token },
          },
        );
        const refs = `${await working.text()}${await replicas.text()}`.match(/<Ref /g) ?? [];
        expect(refs, args.join(' ')).toHaveLength(running);
      } finally {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });

  it('takes a negative seed as the API does, as --seed -5 or --seed=-5', async () => {
    for (const args of [['--seed', '-5'], ['--seed=-5']]) {
      const { child, output } = await startCli(['--jobs', '2', '--days', '1', ...args]);
      expect(output, args.join(' ')).toMatch(/job sessions\)/);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('says the password is the default one for another --user, not that it is the default account', async () => {
    const { child, output } = await startCli(['--jobs', '2', '--days', '1', '--user', 'bob']);
    expect(output).toContain('log on as bob / emulator (the default password)');
    expect(output).not.toContain('default account');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  it('refuses bad options with exit code 2 or 1 and a message', async () => {
    const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [bin, ...args], {
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, ...env },
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('exit', (code) => resolve({ code, stderr }));
      });
    expect(await run(['--nope'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: vbem-emulator'),
    });
    expect(await run(['--port', 'abc'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--port must be a whole number'),
    });
    expect(await run(['--jobs', '1', '--running', '2'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('vbem-emulator: --running must not exceed --jobs (1)'),
    });
    // Option errors name the flag, as the CLI's own checks do, not the API's option.
    expect(await run(['--port', '99999'])).toMatchObject({
      code: 1,
      stderr: 'vbem-emulator: --port must be a whole number from 0 to 65535, got 99999\n',
    });
    expect(await run(['--seed', '1.5'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--seed must be a whole number, negative or not, not "1.5"'),
    });
    // An empty password would open an account anyone can guess; an unset variable gives the default.
    expect(await run(['--port', '0'], { VBEM_EMULATOR_PASSWORD: '' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('VBEM_EMULATOR_PASSWORD is set but empty'),
    });
    expect(await run(['--port', '0', '--password='])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--password must not be empty'),
    });
    expect(await run(['--em-version', '11'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--em-version must be 12 or 13'),
    });
    // A host it cannot listen on: the error alone, never "listening on" first.
    const unresolved = await run(['--port', '0', '--host', 'nonexistent.invalid']);
    expect(unresolved).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('vbem-emulator: --host "nonexistent.invalid"'),
    });
    expect(unresolved.stderr).not.toContain('listening on');
  });
});
