import { shellWord } from './shell-word.js';

/** The config file's profile an EM's settings came from. */
export interface ProfilePlace {
  readonly name: string;
  /** The config file's path. */
  readonly configFile: string;
  /** The file came from --config: a command for this profile names it too. */
  readonly fromConfigFlag?: boolean;
}

/** Where a pin goes: a profile, and the setting of its that the pin replaces, if any. */
export interface PinPlace {
  readonly profile: ProfilePlace;
  /** The profile pins another certificate, or turns verification off (which a pin cannot go with). */
  readonly replaces?: 'fingerprint' | 'insecure' | undefined;
}

const inProfile = (profile: ProfilePlace): string =>
  `profile ${profile.name} in ${profile.configFile}`;

/** The doctor of a profile, which prints its EM's fingerprint: with `--config` when the run named one. */
const profileDoctor = (profile: ProfilePlace): string =>
  `vbem doctor --profile ${shellWord(profile.name)}${profile.fromConfigFlag ? ` --config ${shellWord(profile.configFile)}` : ''}`;

/**
 * How to pin EM's certificate by `fingerprint`: `--fingerprint` on the command line, or, for an
 * EM of a profile, that profile's `fingerprint`, where the pin lasts and which `--all` (refusing
 * `--fingerprint`) takes.
 */
export function pinAdvice(fingerprint: string, place: PinPlace | undefined): string {
  if (place === undefined) return `--fingerprint ${fingerprint}`;
  const where = inProfile(place.profile);
  switch (place.replaces) {
    case 'fingerprint':
      return `set "fingerprint": "${fingerprint}" in ${where}`;
    case 'insecure':
      return `put "fingerprint": "${fingerprint}" in place of "insecure": true in ${where}`;
    default:
      return `add "fingerprint": "${fingerprint}" to ${where}`;
  }
}

/** How to trust EM's certificate by a CA file: `--ca`, or the profile's `ca`. */
export function caAdvice(what: string, place: PinPlace | undefined): string {
  return place === undefined ? `--ca FILE (${what})` : `"ca": FILE (${what}) in that profile`;
}

/**
 * How to trust EM's certificate when its fingerprint is not at hand (a command's TLS failure):
 * `--ca` or `--fingerprint`, or the profile's `ca` or `fingerprint`, which the doctor of that
 * profile prints.
 */
export function trustAdvice(profile: ProfilePlace | undefined): string {
  if (profile === undefined) {
    return 'pass --ca FILE (the EM certificate or its CA) or --fingerprint SHA256 (vbem doctor prints it)';
  }
  return `add "ca": FILE (the EM certificate or its CA) or "fingerprint": SHA256 (${profileDoctor(profile)} prints it) to ${inProfile(profile)}`;
}

/**
 * How to pin EM's certificate when its fingerprint is not at hand: `--fingerprint SHA256`, or the
 * profile's `fingerprint`, with where the value comes from (the doctor prints it).
 */
export function pinLaterAdvice(profile: ProfilePlace | undefined): string {
  if (profile === undefined) return '--fingerprint SHA256 (vbem doctor prints it)';
  return `add "fingerprint": SHA256 (${profileDoctor(profile)} prints it) to ${inProfile(profile)}`;
}

/**
 * What to do when EM's certificate no longer matches the pin: compare the new certificate with
 * the one on the EM server, then pin it where the old pin is, for an EM of a profile in that
 * profile's `fingerprint` (a `--fingerprint` on the command line would be needed on every run).
 */
export function renewedPinAdvice(profile: ProfilePlace | undefined): string {
  const compare = `if EM's certificate was renewed, compare the new one (${profile === undefined ? 'vbem doctor' : profileDoctor(profile)} prints its fingerprint) with the one on the EM server`;
  const pin =
    profile === undefined ? 'then pin it' : `then set "fingerprint" to it in ${inProfile(profile)}`;
  return `${compare}, ${pin}; if not, something else answers for EM`;
}
