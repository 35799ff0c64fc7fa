/** A ratio (0 to 1, as the report holds success rates) as a percentage with one decimal: `57.1%`. */
export const formatPercent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;
