export interface MarkdownColumn {
  readonly header: string;
  readonly align: 'left' | 'right';
}

/** A GitHub-flavoured Markdown table; cells must already be escaped (`escapeMarkdown`). */
export function markdownTable(
  columns: readonly MarkdownColumn[],
  rows: readonly (readonly string[])[],
): string[] {
  const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [
    row(columns.map((column) => column.header)),
    row(columns.map((column) => (column.align === 'right' ? '---:' : '---'))),
    ...rows.map(row),
  ];
}
