/**
 * A comparison, already written as filter text, or operands joined by `;` (AND) or `,` (OR).
 * Joins are flattened as they are built, so an operand never has its parent's join.
 */
export type FilterNode =
  | string
  | { readonly join: ';' | ','; readonly operands: readonly FilterNode[] };

/** The operands `node` brings to a join of `join`: its own when it is that join, else itself. */
export const operandsOf = (node: FilterNode, join: ';' | ','): readonly FilterNode[] =>
  typeof node !== 'string' && node.join === join ? node.operands : [node];

/** `;` binds tighter than `,`, so only an OR inside an AND needs parentheses. */
export function render(node: FilterNode, nested: boolean): string {
  if (typeof node === 'string') return node;
  const text = node.operands.map((operand) => render(operand, true)).join(node.join);
  return nested ? `(${text})` : text;
}

/**
 * The node of filter text as `render` writes it. A Filter built by another copy of @vbem/client
 * keeps its node private to that copy's class: its text is all this copy can read, and joining
 * it as a node keeps the grouping (an OR ANDed with more is parenthesised). Values are quoted
 * (`"` doubled inside), so only separators and parentheses outside quotes count. Text of another
 * shape (both separators outside parentheses, unbalanced) is kept whole, in parentheses.
 */
export function nodeOfText(text: string): FilterNode {
  const parts: string[] = [];
  const joins = new Set<';' | ','>();
  let depth = 0;
  let quoted = false;
  let start = 0;
  /** Whether one pair of parentheses encloses the whole text. */
  let enclosed = text.startsWith('(');
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '"') quoted = !quoted;
    if (quoted) continue;
    if (char === '(') depth++;
    else if (char === ')') {
      depth--;
      if (depth === 0 && at < text.length - 1) enclosed = false;
      if (depth < 0) break;
    } else if (depth === 0 && (char === ';' || char === ',')) {
      joins.add(char);
      parts.push(text.slice(start, at));
      start = at + 1;
    }
  }
  if (quoted || depth !== 0) return `(${text})`;
  parts.push(text.slice(start));
  const [join, ...others] = joins;
  if (join === undefined) return enclosed ? nodeOfText(text.slice(1, -1)) : text;
  if (others.length > 0) return `(${text})`;
  return { join, operands: parts.flatMap((part) => operandsOf(nodeOfText(part), join)) };
}
