/**
 * URL-encodes as .NET's HttpUtility.UrlEncode, which EM uses for the filter it echoes in paging
 * links: lower-case hex, space as `+`, and `-_.!*()` left alone (`JobType%3d%3dNasBackup`).
 */
export function dotnetUrlEncode(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.!*()]/.test(char)) out += char;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}
