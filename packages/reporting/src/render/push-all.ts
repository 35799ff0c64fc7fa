/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes each item as an argument,
 * which overflows the call stack from about 125,000 items (a job table of that many jobs).
 */
export function pushAll<Item>(target: Item[], items: Iterable<Item>): void {
  for (const item of items) target.push(item);
}
