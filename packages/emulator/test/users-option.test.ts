import { afterEach, describe, expect, it } from 'vitest';
import {
  type EmulatorOptions,
  EmulatorOptionsError,
  type RunningEmulator,
  startEmulator,
} from '../src/index.js';
import { NOW } from './emulator-harness.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** What startEmulator throws for these users (closing an emulator that started after all). */
async function refusalOf(users: unknown): Promise<unknown> {
  try {
    running.push(
      await startEmulator({
        users,
        now: () => NOW,
        dataset: { jobs: 1, days: 1, now: NOW },
      } as EmulatorOptions),
    );
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('the users option', () => {
  it.each([
    [
      [{ username: 'admin', password: 'secret', role: 'PortalAdministrator' }],
      'users[0].role',
      'is not a field of an account (username, password)',
    ],
    [
      [
        { username: 'a', password: 'b' },
        { username: 'c', pasword: 'd' },
      ],
      'users[1].pasword',
      'is not a field of an account (username, password)',
    ],
    [[null], 'users[0]', 'must be an account ({ username, password }), got null'],
    [
      ['admin:secret'],
      'users[0]',
      'must be an account ({ username, password }), got "admin:secret"',
    ],
  ])('refuses %j: %s %s', async (users, option, problem) => {
    const error = await refusalOf(users);
    expect(error).toBeInstanceOf(EmulatorOptionsError);
    expect(error).toMatchObject({ option, problem });
  });

  it.each([
    [
      [{ username: 'admin', password: '' }],
      'users[0].password',
      'must be a non-empty string, got ""',
    ],
    [[{ username: 'admin' }], 'users[0].password', 'must be a non-empty string, got undefined'],
  ])(
    'refuses an empty or missing password, as the CLI does: %j',
    async (users, option, problem) => {
      const error = await refusalOf(users);
      expect(error).toBeInstanceOf(EmulatorOptionsError);
      expect(error).toMatchObject({ option, problem });
    },
  );

  it('takes a field given as undefined as not given, as everywhere in the options', async () => {
    expect(
      await refusalOf([{ username: 'admin', password: 'secret', role: undefined }]),
    ).toBeUndefined();
  });
});
