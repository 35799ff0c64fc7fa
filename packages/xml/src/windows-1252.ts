/**
 * What windows-1252 (and so ISO-8859-1 and US-ASCII, which the WHATWG Encoding standard reads as
 * it) makes of the bytes 0x80 to 0x9F: € ‚ ƒ „ … and the rest; the five bytes it leaves undefined
 * stay the C1 controls of their value, as the standard says. Every other byte is its Latin-1 code
 * point.
 */
const HIGH_CONTROLS = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
].map((code) => String.fromCharCode(code));

/**
 * Bytes in windows-1252, decoded here rather than by TextDecoder: Node 20.18.3 and 22.13.0 and
 * later decode windows-1252 as Latin-1 (nodejs/node#56542), so that € came out as U+0080.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (control) => HIGH_CONTROLS[control.charCodeAt(0) - 0x80] as string);
}
