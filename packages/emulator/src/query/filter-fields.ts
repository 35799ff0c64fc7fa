import type { FilterNode } from './filter-ast.js';
import type { QueryField } from './query-field.js';

/** The fields a parsed filter compares, each once, however the filter named them. */
export function filterFields<Row>(node: FilterNode<Row>): Set<QueryField<Row>> {
  const fields = new Set<QueryField<Row>>();
  const visit = (current: FilterNode<Row>): void => {
    if (current.type === 'comparison') fields.add(current.field);
    else for (const operand of current.operands) visit(operand);
  };
  visit(node);
  return fields;
}
