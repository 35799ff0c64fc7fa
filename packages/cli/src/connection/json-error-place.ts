/**
 * Where `text` stops being JSON, as `line 3, column 18`, or `undefined` if this scanner finds no
 * fault. `JSON.parse`'s own message is no use to show: it quotes the text, which may hold a secret.
 */
export function jsonErrorPlace(text: string): string | undefined {
  let at = 0;
  const broken = new Error('not JSON');
  const fail = (): never => {
    throw broken;
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
  };
  const expect = (char: string) => {
    space();
    if (text.charAt(at) !== char) fail();
    at++;
  };
  const string = () => {
    expect('"');
    while (at < text.length) {
      const char = text.charAt(at);
      if (char === '"') {
        at++;
        return;
      }
      if (char < ' ') fail();
      at += char === '\\' ? 2 : 1;
    }
    fail();
  };
  const items = (close: string, item: () => void) => {
    at++;
    space();
    if (text.charAt(at) === close) {
      at++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text.charAt(at) === close) {
        at++;
        return;
      }
      expect(',');
    }
  };
  const member = () => {
    space();
    string();
    expect(':');
    value();
  };
  const value = (): void => {
    space();
    const char = text.charAt(at);
    if (char === '{') items('}', member);
    else if (char === '[') items(']', value);
    else if (char === '"') string();
    else {
      const literal = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(
        text.slice(at),
      );
      at += literal?.[0].length ?? fail();
    }
  };
  try {
    value();
    space();
    if (at < text.length) fail();
    return undefined;
  } catch (error) {
    if (error !== broken) throw error;
    const lines = text.slice(0, at).split('\n');
    return `line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}`;
  }
}
