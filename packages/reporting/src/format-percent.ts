/**
 * A ratio (0 to 1, as the report holds success rates) as a percentage with one decimal: `57.1%`.
 * Rounded to the nearest, except that only a perfect rate reads `100.0%` and only a zero rate
 * `0.0%`: 1,999 successes out of 2,000 runs are `99.9%`, not a perfect record in an SLA review.
 */
export function formatPercent(ratio: number): string {
  const percent = Math.round(ratio * 1000) / 10;
  const shown = ratio < 1 && percent >= 100 ? 99.9 : ratio > 0 && percent <= 0 ? 0.1 : percent;
  return `${shown.toFixed(1)}%`;
}
