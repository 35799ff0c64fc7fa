import type { SessionReport } from '../report.js';

export interface JsonRenderOptions {
  /** Indent with two spaces (default: one line). */
  readonly pretty?: boolean;
}

/** The report document as JSON, exactly as it is, with a trailing newline. */
export const renderJson = (report: SessionReport, options: JsonRenderOptions = {}): string =>
  `${JSON.stringify(report, null, options.pretty === true ? 2 : undefined)}\n`;
