import { escapeHtml } from './html-escape.js';

/**
 * How a column's cells read: `text` wraps, between words and, where a word is too long, anywhere
 * (a 200-character job name must not push the table past the page); `number` is right-aligned;
 * `label` never wraps (badges, short words).
 */
export type HtmlCellKind = 'text' | 'number' | 'label';

export interface HtmlColumn {
  readonly header: string;
  readonly kind: HtmlCellKind;
}

/** An HTML table, one row a line; cells must already be markup (`escapeHtml`). */
export function htmlTable(
  className: string,
  columns: readonly HtmlColumn[],
  rows: readonly (readonly string[])[],
): string {
  const headers = columns.map(
    (column) => `<th class="${column.kind}">${escapeHtml(column.header)}</th>`,
  );
  const row = (cells: readonly string[]): string =>
    `<tr>${cells.map((cell, index) => `<td class="${columns[index]?.kind ?? 'text'}">${cell}</td>`).join('')}</tr>`;
  return [
    `<table class="${className}">`,
    `<thead><tr>${headers.join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map(row),
    '</tbody>',
    '</table>',
  ].join('\n');
}
