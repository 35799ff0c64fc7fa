const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

// Each of these is a grapheme of its own, one column wide, so a string of them only is as wide as
// it is long: printable ASCII, Latin-1 and Latin Extended up to the combining marks (U+0300), but
// not the soft hyphen (U+00AD, zero width), and General Punctuation's dashes, quotes, `…` and
// primes, but not its zero-width and direction controls. The report's own `—` and `…` are in it.
const ONE_COLUMN_EACH = /^[\x20-\x7E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E]*$/;
// Emoji shown as emoji (by default, or asked for with VS16) take two columns; so do flags.
const EMOJI = /\p{Emoji_Presentation}|\p{Emoji}\uFE0F/u;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;
// East Asian Wide and Fullwidth characters (Unicode 16), in ranges coarse enough to read.
const WIDE =
  /^[\u1100-\u115F\u2329\u232A\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6\u{16FE0}-\u{18DFF}\u{1AFF0}-\u{1B2FF}\u{1F200}-\u{1F2FF}\u{20000}-\u{3FFFD}]/u;

function graphemeWidth(grapheme: string): number {
  if (EMOJI.test(grapheme)) return 2;
  if (ZERO_WIDTH.test(grapheme)) return 0;
  return WIDE.test(grapheme) ? 2 : 1;
}

/** Terminal columns a string takes: wide CJK characters and emoji count two, combining marks none. */
export function displayWidth(text: string): number {
  if (ONE_COLUMN_EACH.test(text)) return text.length;
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += graphemeWidth(segment);
  return width;
}

/** The longest start of `text` that fits in `width` columns, cut between graphemes. */
export function takeWidth(text: string, width: number): { text: string; width: number } {
  if (ONE_COLUMN_EACH.test(text)) {
    const taken = text.slice(0, Math.max(0, width));
    return { text: taken, width: taken.length };
  }
  let taken = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const segmentWidth = graphemeWidth(segment);
    if (used + segmentWidth > width) break;
    taken += segment;
    used += segmentWidth;
  }
  return { text: taken, width: used };
}

/** `text` cut to `width` columns, ending in `…` when anything was cut. */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return width < 1 ? '' : `${takeWidth(text, width - 1).text}…`;
}
