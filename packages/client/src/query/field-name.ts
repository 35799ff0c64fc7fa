/**
 * The field of `fields` that `name` names, in any case, as EM compares field names (in `sortAsc`,
 * `sortDesc` and filters alike); undefined when none does.
 */
export function fieldNamed<Field extends string>(
  name: string,
  fields: Iterable<Field>,
): Field | undefined {
  const lower = name.toLowerCase();
  for (const field of fields) if (field.toLowerCase() === lower) return field;
  return undefined;
}

/**
 * ` (did you mean Name?)` for the field of `fields` nearest to a name none of them is, by edits
 * (a transposed pair of letters is one); empty when none is close: at most one edit for a name
 * of up to 4 characters, two for a longer one.
 */
export function didYouMean(name: string, fields: Iterable<string>): string {
  const lower = name.toLowerCase();
  const limit = lower.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const field of fields) {
    const distance = editDistance(lower, field.toLowerCase());
    if (distance < bestDistance) {
      best = field;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : ` (did you mean ${best}?)`;
}

/** Edits (insert, delete, replace, swap of neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      row[j] = distance;
    }
  }
  return at(a.length, b.length);
}
