const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QUOTE = 34;
const APOSTROPHE = 39;

/**
 * The `[start, end)` offsets of the elements directly in xml[from, to), a range of elements and
 * white space that checkWellFormed accepted (a run of the outline). The outline keeps no offsets
 * per element; this finds them again for the rare error that must name one.
 */
export function topLevelElements(xml: string, from: number, to: number): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let depth = 0;
  let start = from;
  let lt = xml.indexOf('<', from);
  while (lt !== -1 && lt < to) {
    let end: number;
    if (xml.charCodeAt(lt + 1) === SLASH) {
      end = xml.indexOf('>', lt + 2) + 1;
      depth--;
      if (depth === 0) found.push([start, end]);
    } else if (xml.startsWith('<!--', lt)) end = xml.indexOf('-->', lt + 4) + 3;
    else if (xml.startsWith('<![CDATA[', lt)) end = xml.indexOf(']]>', lt + 9) + 3;
    else if (xml.startsWith('<?', lt)) end = xml.indexOf('?>', lt + 2) + 2;
    else {
      // A start tag: its '>' is the first one outside the quoted values (which may hold '>' but not '<').
      let k = lt + 1;
      for (let code = xml.charCodeAt(k); code !== GT && code !== LT && k < to; ) {
        if (code === QUOTE || code === APOSTROPHE)
          k = xml.indexOf(code === QUOTE ? '"' : "'", k + 1);
        if (k === -1) return found;
        code = xml.charCodeAt(++k);
      }
      end = k + 1;
      if (depth === 0) start = lt;
      if (xml.charCodeAt(k - 1) !== SLASH) depth++;
      else if (depth === 0) found.push([lt, end]);
    }
    // Unterminated (the check would have refused it): stop rather than loop.
    if (end <= lt) return found;
    lt = xml.indexOf('<', end);
  }
  return found;
}
