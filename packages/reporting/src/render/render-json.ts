import { checkOptionsObject, optionKeys } from '../options-object.js';
import type { SessionReport } from '../report.js';
import { checkReportObject } from '../report-object.js';
import { inertJson } from './inert-json.js';
import { flagOption } from './render-option-values.js';

export interface JsonRenderOptions {
  /** Indent with two spaces (default: one line). */
  readonly pretty?: boolean | undefined;
}

const OPTION_KEYS = optionKeys<JsonRenderOptions>({ pretty: true });

/**
 * The report document as JSON, exactly as it is, with a trailing newline; control and bidi
 * characters in its strings are `\u` escapes (see `inertJson`), which a parser reads the same.
 */
export function renderJson(report: SessionReport, options: JsonRenderOptions = {}): string {
  checkReportObject(report, 'renderJson');
  checkOptionsObject(options, 'renderJson', OPTION_KEYS);
  return `${inertJson(report, flagOption('pretty', options.pretty) ? 2 : undefined)}\n`;
}
