/** A value quoted for an error message: JSON-escaped and cut to 80 characters. */
export const quoteValue = (value: string): string =>
  JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
