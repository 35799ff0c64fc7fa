import { toSingleLine } from '@vbem/reporting';
import { type CliIo, terminalColumns } from './cli-io.js';

/** A one-line progress display on stderr, redrawn at most every 100 ms. */
export interface Progress {
  update(done: number, detail?: string): void;
  /** Clears the line. */
  done(): void;
}

const SILENT: Progress = { update: () => {}, done: () => {} };

/**
 * Progress for long crawls, e.g. `sessions 12,345 · 13 pages · 2,100/s`: only when stderr is a
 * terminal and the user did not ask for quiet, so that logs and pipes never see it.
 */
export function createProgress(io: CliIo, label: string, quiet: boolean): Progress {
  if (quiet || io.stderr.isTTY !== true) return SILENT;
  const started = io.now().getTime();
  let last = 0;
  let shown = false;
  const numbers = new Intl.NumberFormat('en-US');
  return {
    update(done, detail) {
      const now = io.now().getTime();
      if (now - last < 100) return;
      last = now;
      const seconds = Math.max((now - started) / 1000, 0.001);
      const rate = numbers.format(Math.round(done / seconds));
      // One column short of the width: a full line would wrap on some terminals.
      const width = Math.max(terminalColumns(io.stderr) - 1, 20);
      // The label may hold a profile's name (config text): inert, so it cannot drive the terminal.
      const text = toSingleLine(
        `${label} ${numbers.format(done)}${detail ? ` · ${detail}` : ''} · ${rate}/s`,
      );
      io.stderr.write(`\r\x1b[2K${text.slice(0, width)}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
