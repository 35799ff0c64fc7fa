const UTF8 = new TextEncoder();
/** What .NET's HttpUtility.UrlEncode leaves as it is. */
const KEPT = /[A-Za-z0-9\-_.!*()]/;

/**
 * A filter as EM writes it into paging links: each `;`-separated part encoded as .NET's
 * HttpUtility.UrlEncode does (lower-case hex, a space as `+`), the `;` between them kept. The
 * captured EM answer has `filter=JobType%3d%3dNasBackup` for `JobType==NasBackup`, and the docs'
 * `CreationTime%3E%3D%22…%22;CreationTime%3C%3D…` keeps its `;`.
 */
export function pagingLinkFilter(filter: string): string {
  return filter.split(';').map(urlEncoded).join(';');
}

function urlEncoded(text: string): string {
  let encoded = '';
  for (const char of text) {
    if (char === ' ') encoded += '+';
    else if (KEPT.test(char)) encoded += char;
    else for (const byte of UTF8.encode(char)) encoded += `%${byte.toString(16).padStart(2, '0')}`;
  }
  return encoded;
}
