import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../src/cli-error.js';
import { defaultConfigPath, loadConfigFile, parseConfig } from '../src/connection/config-file.js';

const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');
const env = { HOME: '/home/ann' };
const parse = (json: unknown) => parseConfig(JSON.stringify(json), '/etc/vbem/config.json', env);
const parseError = (json: unknown): string => {
  try {
    parse(json);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
};
const profile = (fields: Record<string, unknown>) => ({
  profiles: { prod: { url: 'https://em1:9398', ...fields } },
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vbem-config-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('defaultConfigPath', () => {
  it('is $XDG_CONFIG_HOME/vbem/config.json, else $HOME/.config/vbem/config.json, else none', () => {
    expect(defaultConfigPath({ XDG_CONFIG_HOME: '/xdg', HOME: '/home/ann' })).toBe(
      '/xdg/vbem/config.json',
    );
    expect(defaultConfigPath({ HOME: '/home/ann' })).toBe('/home/ann/.config/vbem/config.json');
    expect(defaultConfigPath({ XDG_CONFIG_HOME: 'relative', HOME: '/home/ann' })).toBe(
      '/home/ann/.config/vbem/config.json',
    );
    expect(defaultConfigPath({})).toBeUndefined();
  });
});

describe('parseConfig', () => {
  it('reads every field of a profile, expanding ~ and paths relative to the file', () => {
    const config = parse({
      $schema: 'https://example.com/vbem-config.schema.json',
      defaultProfile: 'prod',
      profiles: {
        prod: {
          url: 'https://em1:9398',
          username: 'CORP\\svc',
          passwordFile: '~/.config/vbem/prod.pw',
          ca: 'em1.pem',
          fingerprint: FINGERPRINT,
          insecure: false,
          apiFormat: 'json',
          timeout: 12.5,
        },
        lab: { url: 'http://lab:9399', passwordEnv: 'VBEM_LAB_PASSWORD' },
      },
    });
    expect(config).toEqual({
      path: '/etc/vbem/config.json',
      defaultProfile: 'prod',
      profiles: [
        {
          name: 'prod',
          url: 'https://em1:9398',
          username: 'CORP\\svc',
          passwordFile: '/home/ann/.config/vbem/prod.pw',
          ca: '/etc/vbem/em1.pem',
          fingerprint: FINGERPRINT,
          insecure: false,
          apiFormat: 'json',
          timeout: 12.5,
        },
        { name: 'lab', url: 'http://lab:9399', passwordEnv: 'VBEM_LAB_PASSWORD' },
      ],
    });
  });

  it('reads a timeout given as text as --timeout does: "90s", "2m", "2.5"', () => {
    for (const [timeout, seconds] of [
      ['90s', 90],
      ['2m', 120],
      ['2.5', 2.5],
    ] as const) {
      expect(parse(profile({ timeout })).profiles[0]?.timeout).toBe(seconds);
    }
  });

  it('accepts an empty file object and a UTF-8 byte order mark', () => {
    expect(parseConfig('\uFEFF{}', '/c.json', env)).toEqual({
      path: '/c.json',
      defaultProfile: undefined,
      profiles: [],
    });
  });

  it('names the JSON path of each mistake', () => {
    expect(parseError(profile({ url: 'ftp://em1' }))).toBe(
      '/etc/vbem/config.json: profiles.prod.url must be an https or http URL, e.g. https://em.example.com:9398',
    );
    expect(parseError(profile({ url: 'em1:9398 nope' }))).toMatch(
      /profiles\.prod\.url must be an https or http URL/,
    );
    expect(parseError({ profiles: { prod: { username: 'x' } } })).toMatch(
      /profiles\.prod\.url is missing/,
    );
    expect(parseError(profile({ username: 42 }))).toMatch(
      /profiles\.prod\.username must be a non-empty string, not a number$/,
    );
    expect(parseError(profile({ username: '' }))).toMatch(
      /profiles\.prod\.username must be a non-empty string$/,
    );
    expect(parseError(profile({ passwordEnv: 'not a name' }))).toMatch(
      /profiles\.prod\.passwordEnv must be the name of an environment variable/,
    );
    expect(parseError(profile({ passwordEnv: 'A', passwordFile: '/p' }))).toMatch(
      /profiles\.prod: give passwordFile or passwordEnv, not both/,
    );
    expect(parseError(profile({ fingerprint: 'AB:CD' }))).toMatch(
      /profiles\.prod\.fingerprint must be a SHA-256 fingerprint: 32 hex bytes, colons optional/,
    );
    expect(parseError(profile({ insecure: 'yes' }))).toMatch(
      /profiles\.prod\.insecure must be true or false, not a string/,
    );
    expect(parseError(profile({ insecure: true, ca: '/ca.pem' }))).toMatch(
      /profiles\.prod: insecure: true cannot go with ca or fingerprint/,
    );
    expect(parseError(profile({ apiFormat: 'yaml' }))).toMatch(
      /profiles\.prod\.apiFormat must be "xml" or "json"/,
    );
    for (const timeout of [0, -5, true]) {
      expect(parseError(profile({ timeout }))).toMatch(
        /profiles\.prod\.timeout must be a number of seconds above 0, or a time such as "90s" or "2m"/,
      );
    }
    // Text is read as --timeout reads it, with its messages.
    expect(parseError(profile({ timeout: '3x' }))).toMatch(
      /profiles\.prod\.timeout: "3x" is not a number of seconds \(35, 90s\) or a duration \(5m, 1h\)/,
    );
    expect(parseError(profile({ timeout: '0s' }))).toMatch(
      /profiles\.prod\.timeout: "0s" is not above 0 and at most 2147483 seconds/,
    );
    expect(parseError({ profiles: { 'my prod': { url: 'x' } } })).toMatch(
      /profiles\["my prod"\]\.url is not a valid URL: it has no scheme \(https:\/\/ or http:\/\/\)$/,
    );
    expect(parseError({ profiles: { prod: 'https://em1' } })).toMatch(
      /profiles\.prod must be an object, not a string/,
    );
    expect(parseError({ profiles: [] })).toMatch(/profiles must be an object, not an array/);
    expect(parseError([])).toMatch(/the file must be an object, not an array/);
    expect(parseError({ defaultProfile: 'qa', ...profile({}) })).toMatch(
      /defaultProfile names no profile \(profiles: prod\)/,
    );
    expect(parseError({ defaultProfile: 1 })).toMatch(
      /defaultProfile must be a string, not a number/,
    );
  });

  it('refuses unknown keys, so that a typo is not silently ignored', () => {
    expect(parseError({ profile: {} })).toBe(
      '/etc/vbem/config.json: profile is not a known key (known: $schema, defaultProfile, profiles)',
    );
    expect(parseError(profile({ usrname: 'x' }))).toMatch(
      /profiles\.prod\.usrname is not a known key \(known: url, username, passwordFile, passwordEnv, ca, fingerprint, insecure, apiFormat, timeout, maxResponseSize\)/,
    );
  });

  it('refuses a password, says where it goes, and never repeats it', () => {
    const message = parseError(profile({ password: 'hunter2' }));
    expect(message).toBe(
      '/etc/vbem/config.json: profiles.prod.password: a password does not belong in a config file; put it in a file only you can read (chmod 600) and name that file as passwordFile, or name an environment variable that holds it as passwordEnv',
    );
    expect(parseError({ Password: 'hunter2' })).toMatch(
      /^\/etc\/vbem\/config\.json: Password: a password does not belong/,
    );
    // A secret put where a name belongs is not repeated either.
    expect(parseError(profile({ passwordEnv: 'hunter2 !' }))).not.toContain('hunter2');
  });

  it('says where invalid JSON breaks, without quoting the file', () => {
    const messageOf = (text: string): string => {
      try {
        parseConfig(text, '/c.json', env);
      } catch (error) {
        expect(error).toBeInstanceOf(CliError);
        return (error as Error).message;
      }
      throw new Error('expected invalid JSON');
    };
    const unquoted = messageOf('{\n  "profiles": {\n    "prod": { "password": hunter2 }\n  }\n}');
    expect(unquoted).toBe('/c.json is not valid JSON (line 3, column 27)');
    expect(messageOf('{"profiles": {"prod": {"url": "https://em1",}}}')).toBe(
      '/c.json is not valid JSON (line 1, column 45)',
    );
    expect(messageOf('{"a": "hunter2')).toBe('/c.json is not valid JSON (line 1, column 15)');
    expect(messageOf('{} {}')).toBe('/c.json is not valid JSON (line 1, column 4)');
    expect(messageOf('')).toBe('/c.json is not valid JSON (line 1, column 1)');
  });
});

describe('loadConfigFile', () => {
  const write = (name: string, text: string, mode: number) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    chmodSync(path, mode);
    return path;
  };

  it('reads a file only its owner can write; group and others may read it', async () => {
    const path = write('ok.json', JSON.stringify(profile({})), 0o644);
    const config = await loadConfigFile(path, true, env);
    expect(config?.profiles.map((entry) => entry.name)).toEqual(['prod']);
  });

  it('refuses a file others can write: they could point url at their own server', async () => {
    for (const mode of [0o666, 0o664, 0o646]) {
      const path = write(`open-${mode.toString(8)}.json`, JSON.stringify(profile({})), mode);
      const error = await loadConfigFile(path, false, env).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toBe(
        `config file ${path} can be changed by group or others (mode 0${mode.toString(8)}): whoever can write it can point url at their own server and collect the password`,
      );
      expect((error as CliError).hint).toBe(`chmod go-w ${path}`);
    }
  });

  it('a missing default file is no profiles; a missing --config file is an error', async () => {
    const missing = join(dir, 'nope', 'config.json');
    await expect(loadConfigFile(missing, false, env)).resolves.toBeUndefined();
    await expect(loadConfigFile(missing, true, env)).rejects.toThrow(
      `config file ${missing} does not exist`,
    );
  });

  it('refuses a directory clearly', async () => {
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    await expect(loadConfigFile(folder, false, env)).rejects.toThrow(
      `config file ${folder} is a directory, not a file`,
    );
  });
});
