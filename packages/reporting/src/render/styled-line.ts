import { displayWidth, takeWidth } from './display-width.js';

export type Style = 'bold' | 'red' | 'yellow' | 'green';

/** A run of text in one style; the text holds no control characters. */
export interface Span {
  readonly text: string;
  readonly style?: Style;
}

/** One line of terminal output, laid out in plain text and coloured only when it is written. */
export type StyledLine = readonly Span[];

const SGR: Readonly<Record<Style, string>> = { bold: '1', red: '31', yellow: '33', green: '32' };

export const span = (text: string, style?: Style): Span =>
  style === undefined ? { text } : { text, style };

/** The line without trailing spaces, ending in `…` cut to `width` columns when it is wider. */
export function fitLine(line: StyledLine, width: number): StyledLine {
  const trimmed = trimEnd(line);
  const total = trimmed.reduce((sum, part) => sum + displayWidth(part.text), 0);
  if (total <= width) return trimmed;
  if (width < 1) return [];
  const fitted: Span[] = [];
  let room = width - 1;
  for (const part of trimmed) {
    const taken = takeWidth(part.text, room);
    if (taken.text.length < part.text.length) {
      fitted.push(span(`${taken.text}…`, part.style));
      break;
    }
    fitted.push(part);
    room -= taken.width;
  }
  return fitted;
}

function trimEnd(line: StyledLine): StyledLine {
  const parts = [...line];
  let last = parts.at(-1);
  while (last !== undefined) {
    const text = last.text.trimEnd();
    if (text !== '') {
      parts[parts.length - 1] = span(text, last.style);
      break;
    }
    parts.pop();
    last = parts.at(-1);
  }
  return parts;
}

/** The line as a string, with ANSI SGR colours when `color`, each span reset after itself. */
export const paintLine = (line: StyledLine, color: boolean): string =>
  line
    .map(({ text, style }) =>
      color && style !== undefined && text !== '' ? `\x1b[${SGR[style]}m${text}\x1b[0m` : text,
    )
    .join('');
