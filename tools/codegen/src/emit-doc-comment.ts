/** A JSDoc block at the given indentation; `*\/` in the text is broken up so the comment stays closed. */
export function emitDocComment(lines: readonly string[], indent = ''): string {
  const body = lines
    .flatMap((line) => line.split('\n'))
    .map((line) => line.replaceAll('*/', '*\\/'));
  if (body.length === 1) return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${body.map((line) => `${indent} *${line ? ` ${line}` : ''}`).join('\n')}\n${indent} */\n`;
}
