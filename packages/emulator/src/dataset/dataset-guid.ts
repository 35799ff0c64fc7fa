import { hex } from './number-format.js';
import { hashKeys, scramble32, unscramble32 } from './seeded-random.js';

export const GuidKind = {
  BackupServer: 0x10,
  Job: 0x11,
  JobSession: 0x12,
  TaskSession: 0x13,
  RestoreSession: 0x14,
  VirtualizationHost: 0x15,
  VmObject: 0x16,
} as const;
export type GuidKind = (typeof GuidKind)[keyof typeof GuidKind];

export interface GuidCodec {
  format(index: number, sub?: number): string;
  /** The index and sub-index of a GUID this codec formats, or undefined for any other string. */
  parse(id: string): { readonly index: number; readonly sub: number } | undefined;
  /**
   * Writes at `keys[at…at+2]` three numbers whose order, compared one after another, is the order
   * of the formatted GUIDs (lower-case hex, so string order is number order): sorting by GUID
   * without formatting one.
   */
  writeOrderKeys(index: number, sub: number, keys: Float64Array, at: number): void;
}

export const GUID_ORDER_KEYS = 3;

/**
 * Version-4-shaped GUIDs derived from the seed, a kind and an index (a row), plus a 16-bit
 * sub-index (a VM of a session). The last 12 hex digits encode both, invertibly: 8 digits hold
 * the index, mixed with the sub-index and scrambled; the 4 before them hold the sub-index masked
 * by those 8. `parse` decodes them, then formats again and compares, which rejects foreign GUIDs.
 */
export function guidCodec(seed: number, kind: GuidKind): GuidCodec {
  const indexKey = hashKeys([seed, kind]);
  const subKeyOf = (sub: number): number => hashKeys([seed, kind, -1, sub]);
  const subMaskOf = (scrambled: number): number => hashKeys([seed, kind, -2, scrambled]) & 0xffff;
  const format = (index: number, sub = 0): string => {
    const scrambled = scramble32(index ^ subKeyOf(sub), indexKey);
    const first = hashKeys([seed, kind, index, sub, 0]);
    const second = hashKeys([seed, kind, index, sub, 1]);
    const third = hashKeys([seed, kind, index, sub, 2]);
    // Keep writeOrderKeys in step with this layout.
    return (
      `${hex(first, 8)}-${hex(second >>> 16, 4)}-${hex(0x4000 | (second & 0x0fff), 4)}-` +
      `${hex(0x8000 | (third & 0x3fff), 4)}-` +
      `${hex((sub ^ subMaskOf(scrambled)) & 0xffff, 4)}${hex(scrambled, 8)}`
    );
  };
  const parse = (id: string): { index: number; sub: number } | undefined => {
    if (id.length !== 36) return undefined;
    const guid = id.toLowerCase();
    const scrambled = Number.parseInt(guid.slice(28), 16) >>> 0;
    const sub = (Number.parseInt(guid.slice(24, 28), 16) ^ subMaskOf(scrambled)) & 0xffff;
    const index = (unscramble32(scrambled, indexKey) ^ subKeyOf(sub)) >>> 0;
    return format(index, sub) === guid ? { index, sub } : undefined;
  };
  const writeOrderKeys = (index: number, sub: number, keys: Float64Array, at: number): void => {
    const scrambled = scramble32(index ^ subKeyOf(sub), indexKey);
    const first = hashKeys([seed, kind, index, sub, 0]);
    const second = hashKeys([seed, kind, index, sub, 1]);
    const third = hashKeys([seed, kind, index, sub, 2]);
    // Hex digits 0-11; then 13-15 (12 is the version), the 14 free bits of 16-19, and 20-23; then 24-31.
    keys[at] = first * 2 ** 16 + (second >>> 16);
    keys[at + 1] =
      (second & 0x0fff) * 2 ** 30 +
      (third & 0x3fff) * 2 ** 16 +
      ((sub ^ subMaskOf(scrambled)) & 0xffff);
    keys[at + 2] = scrambled;
  };
  return { format, parse, writeOrderKeys };
}
