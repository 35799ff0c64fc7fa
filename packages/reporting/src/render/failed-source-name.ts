import type { FailedSource } from '../report.js';

/**
 * A failed source's name for a list of failed sources, with the source it is a part of:
 * `vbr-east-2 (of em-east)`, so that a backup server an EM could not reach, named like an EM,
 * reads as neither that EM failing nor a source of its own. `escapeText` makes each server string
 * safe for the renderer; the words around them need no escaping.
 */
export const failedSourceName = (
  failed: FailedSource,
  escapeText: (text: string) => string = (text) => text,
): string =>
  failed.source === undefined
    ? escapeText(failed.name)
    : `${escapeText(failed.name)} (of ${escapeText(failed.source)})`;
