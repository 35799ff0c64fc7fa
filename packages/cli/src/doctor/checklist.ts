import { toSingleLine } from '@vbem/reporting';
import { type CliIo, wantsColor } from '../cli-io.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** The outcome of one check: a line, facts under it, and what to do about a failure. */
export interface CheckResult {
  readonly status: CheckStatus;
  readonly message: string;
  /** `[name, value]` lines under the check, e.g. the certificate's subject and fingerprint. */
  readonly details?: readonly (readonly [string, string])[];
  readonly hint?: string | undefined;
}

const SYMBOL: Readonly<Record<CheckStatus, string>> = {
  pass: '✓',
  warn: '!',
  fail: '✗',
  skip: '-',
};
const WORD: Readonly<Record<CheckStatus, string>> = {
  pass: 'ok',
  warn: 'warn',
  fail: 'FAIL',
  skip: 'skip',
};
const COLOR: Readonly<Record<CheckStatus, string>> = {
  pass: '\x1b[32m',
  warn: '\x1b[33m',
  fail: '\x1b[31m',
  skip: '\x1b[2m',
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

const LABEL_WIDTH = 9;
const DETAIL_WIDTH = 9;

/**
 * The doctor's output: one line per check as it completes, `✓ ✗ ! -` in colour on a terminal,
 * `ok FAIL warn skip` otherwise (pipes, logs, NO_COLOR), facts and a hint indented under it.
 */
export class Checklist {
  private readonly fancy: boolean;
  private readonly counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };

  constructor(private readonly io: CliIo) {
    this.fancy = wantsColor(io);
  }

  add(label: string, result: CheckResult): CheckResult {
    this.counts[result.status]++;
    const status = this.fancy
      ? `${COLOR[result.status]}${SYMBOL[result.status]}${RESET}`
      : WORD[result.status].padEnd(4);
    const indent = ' '.repeat((this.fancy ? 1 : 4) + 1 + LABEL_WIDTH);
    // Messages, facts and hints quote the server (certificate names, EM's answers): inert lines.
    const lines = [`${status} ${label.padEnd(LABEL_WIDTH)}${toSingleLine(result.message)}`];
    for (const [name, value] of result.details ?? []) {
      lines.push(`${indent}${name.padEnd(DETAIL_WIDTH)}${toSingleLine(value)}`);
    }
    if (result.hint) {
      const hint = toSingleLine(result.hint);
      lines.push(this.fancy ? `${indent}${DIM}hint:${RESET} ${hint}` : `${indent}hint: ${hint}`);
    }
    this.io.stdout.write(`${lines.join('\n')}\n`);
    return result;
  }

  get failed(): number {
    return this.counts.fail;
  }

  /** The closing line: `passed: 7 ok, 1 warning, 1 skipped` or `failed: 2 failed, 3 ok, 4 skipped`. */
  summary(): string {
    const { pass, warn, fail, skip } = this.counts;
    const parts = [
      ...(fail > 0 ? [`${fail} failed`] : []),
      `${pass} ok`,
      ...(warn > 0 ? [`${warn} warning${warn === 1 ? '' : 's'}`] : []),
      ...(skip > 0 ? [`${skip} skipped`] : []),
    ];
    const text = `${fail > 0 ? 'failed' : 'passed'}: ${parts.join(', ')}`;
    if (!this.fancy) return `${text}\n`;
    return `${fail > 0 ? COLOR.fail : warn > 0 ? COLOR.warn : COLOR.pass}${text}${RESET}\n`;
  }
}
