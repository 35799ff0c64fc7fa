/** Edits (insert, delete, replace, swap two neighbours) that make `a` into `b`. */
function editDistance(a: string, b: string): number {
  // Rows of the optimal string alignment table: two back, the last, and the one being filled.
  let twoBack: number[] = [];
  let last = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (last[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (last[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (twoBack[j - 2] as number) + 1);
      }
      row.push(best);
    }
    twoBack = last;
    last = row;
  }
  return last[b.length] as number;
}

/**
 * The name of `known` that `given` most likely misspells: the one it matches but for case, else
 * the one nearest to it within an edit or two (none for a name of three characters or fewer), if
 * no other is as near.
 * Undefined when none is that near.
 */
export function likelyMeant(given: string, known: readonly string[]): string | undefined {
  const lower = given.toLowerCase();
  const sameButCase = known.find((name) => name.toLowerCase() === lower);
  if (sameButCase !== undefined) return sameButCase;
  // One edit from four characters on, two from seven: `top` is not a typo of `to`.
  const limit = Math.min(2, Math.floor((given.length - 1) / 3));
  let nearest: string | undefined;
  let nearestDistance = limit + 1;
  let tied = false;
  for (const name of known) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance < nearestDistance) {
      nearest = name;
      nearestDistance = distance;
      tied = false;
    } else if (distance === nearestDistance) {
      tied = true;
    }
  }
  return tied ? undefined : nearest;
}
