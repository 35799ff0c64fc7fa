const oneDecimal = (value: number): string => String(Math.round(value * 10) / 10);

/** A span of time for people to read in health reasons: `45 s`, `12 min`, `30 h`, `7 d`. */
export function describeSeconds(seconds: number): string {
  if (seconds < 60) return `${oneDecimal(seconds)} s`;
  if (seconds < 3_600) return `${oneDecimal(seconds / 60)} min`;
  // Hours up to three days, so that RPOs of 24 h and 48 h and ages around them read alike.
  if (seconds < 259_200) return `${oneDecimal(seconds / 3_600)} h`;
  return `${oneDecimal(seconds / 86_400)} d`;
}
