const URL = /\b[a-z][a-z\d+.-]*:\/\/[^\s'"<>\]]+/gi;
/** `[...]`, one level of nested brackets allowed: `[[datastore1] vm01/vm01.vmdk]`. */
const BRACKETED = /\[(?:[^[\]]|\[[^[\]]*\])*\]/g;
/** A quote opened after a space or an opening sign and closed before one, so `host's` is no quote. */
const QUOTED = /(^|[\s([{=:,])(['"])(?:(?!\2).)*\2(?=$|[\s)\]},.;:!?])/g;
/**
 * An exception type, as .NET and Java name them: dotted identifiers, the last one PascalCase and
 * ending in Exception, Error or Fault (`System.IO.IOException`, `java.net.SocketTimeoutException`).
 * Quoted, it names the kind of failure and stays; a quoted VM, job or host name (`'Web.Frontend'`,
 * `'DC01.Corp.Local'`) does not end so.
 */
const EXCEPTION_TYPE = /^(?:[A-Za-z_]\w*\.)+[A-Z]\w*(?:Exception|Error|Fault)$/;
const GUID = /\b[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}\b/gi;
/**
 * As WINDOWS_PATH, after the server: `\\nas01\share\Backup Job 1\vm.vbk`. A folder is not
 * empty and does not end in a space (Windows drops trailing spaces), so a path stops before the
 * words that lead to a second one (`… because the share \\nas01\…`).
 */
const UNC_PATH =
  /\\\\[^\s\\'"[\]]+(?:\\(?:[^\\\r\n'"[\]<>|?*:,;]*[^\s\\'"[\]<>|?*:,;]\\)*(?:[^\s\\'"[\]<>|?*,;]*[^\s\\'"[\]<>|?*,;.])?)?/g;
/** A URN names one object (`urn:veeam:Vm:vm-1234`); its last character is no full stop either. */
const URN = /\burn:[a-z\d][a-z\d-]*:[^\s'"<>[\](),;]*[^\s'"<>[\](),;.]/gi;
/** Folders may hold spaces (`C:\Backup\Backup Job 1\`); the last part ends at a space. */
const WINDOWS_PATH =
  /\b[a-z]:\\(?:[^\\\r\n'"[\]<>|?*:,;]*\\)*(?:[^\s\\'"[\]<>|?*,;]*[^\s\\'"[\]<>|?*,;.])?/gi;
/** A path's last character is no full stop, which more likely ends the sentence. */
const UNIX_PATH = /(^|[\s(=:,])(?:\/[\w.@%+~-]*[\w@%+~-])+\/?/g;
/**
 * A version after a word that says so: `version 12.1.2.172`, `Version: 12.1`, `v12.1.2`, `build
 * 12.1.2.172`. Four parts of at most 255 read as an IPv4 address without such a word.
 */
const VERSION = /\b(version|ver\.?|build)(\s*[:=]?\s*)\d+(?:\.\d+){1,3}(?![\w.]*\w)/gi;
/** `v12.1.2`: a `v` right before the number, and no word's last letter (`Hyper-V 10.0.0.5` is a host). */
const V_VERSION = /(?<![\w-])([vV])\d+(?:\.\d+){1,3}(?![\w.]*\w)/g;
/** Four dotted numbers, not part of a longer dotted run (see replaceIpv4). */
const IPV4 = /(?<![\w.])\d+(?:\.\d+){3}(?::\d+)?(?![\w.]*\w)/g;
/** Candidates only: `10:30:45` is a time, so an address needs `::` or a hex letter (see replaceIpv6). */
const IPV6 =
  /(?<![\w:.])\[?(?:[\da-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[\da-f]{1,4})?(?:%[\w.-]+)?(?:\](?::\d+)?)?(?![\w:])/gi;
/** Labels may hold `_`: file names do (VMware's `vm01_1.vmdk`), and so do some Windows hosts. */
const DOTTED_NAME = /\b\w(?:[\w-]*\w)?(?:\.\w(?:[\w-]*\w)?)+(?::\d+)?\b/gi;
const HEX = /\b(?:0x[\da-f]+|(?=[\da-f]*[a-f])(?=[\da-f]*\d)[\da-f]{8,})\b/gi;
const NUMBER = /\d+(?:[.,]\d+)*/g;
const SPACES = /\s+/g;

/** Characters of a reason that its normalized form is made of; EM's messages are far shorter. */
export const MAX_NORMALIZED_CHARS = 2000;

/** Backup and VM file types, which would otherwise read as host names (`summary.xml`). */
const FILE_EXTENSIONS = new Set(
  'bak bat dll exe iso json log nvram ps1 sh tmp txt vbk vbm vhd vhdx vib vmdk vmsd vmx vrb vsv xml zip'.split(
    ' ',
  ),
);

/**
 * Brackets stay outside the replacement and a port goes into it, as with IPv4:
 * `[fd00::10]:6162` and `[192.168.1.10:6162]` both become `[<host>]`.
 */
function replaceIpv6(candidate: string): string {
  const groups = candidate.replace(/^\[|\](?::\d+)?$|%[\w.-]+/g, '');
  if (!groups.includes('::') && !/[a-f]/i.test(groups)) return candidate;
  const open = candidate.startsWith('[') ? '[' : '';
  const close = /\](?::\d+)?$/.test(candidate) ? ']' : '';
  return `${open}<host>${close}`;
}

/** Quoted text as `<quoted>`, but a quoted exception type (see EXCEPTION_TYPE), which tells failures apart. */
function replaceQuoted(quoted: string, lead: string): string {
  return EXCEPTION_TYPE.test(quoted.slice(lead.length + 1, -1)) ? quoted : `${lead}<quoted>`;
}

/**
 * Four dotted numbers are an IPv4 address (with its port) when each is at most 255, else a
 * version (`12.1.0.2131`): no address has a part over 255.
 */
function replaceIpv4(candidate: string): string {
  const [address = '', port] = candidate.split(':');
  const isAddress = address.split('.').every((part) => part.length <= 3 && Number(part) <= 255);
  if (isAddress) return '<host>';
  return port === undefined ? '<version>' : `<version>:${port}`;
}

/**
 * Host names are dotted names with an alphabetic last label, written in one case: `srv02.tech.local`,
 * `NAS01.CORP`. Mixed case marks code (`DataTransfer.BackupText`, `System.IO.IOException`), kept as is.
 */
function replaceDottedName(name: string): string {
  const bare = name.replace(/:\d+$/, '');
  const lastLabel = bare.slice(bare.lastIndexOf('.') + 1);
  if (!/^[a-z]{2,}$/i.test(lastLabel)) return name;
  if (bare !== bare.toLowerCase() && bare !== bare.toUpperCase()) return name;
  return FILE_EXTENSIONS.has(lastLabel.toLowerCase()) ? '<file>' : '<host>';
}

/**
 * A failure reason with what differs between alike failures replaced, so that they group: GUIDs
 * (`<guid>`), URNs (`<urn>`), URLs (`<url>`), quoted strings but exception types (`<quoted>`), paths and bracketed paths (`<path>`),
 * IP addresses and host names (`<host>`), versions (`<version>`, see VERSION, V_VERSION and replaceIpv4), file
 * names (`<file>`), hex values (`<hex>`) and numbers (`<n>`). Runs of white space become one space.
 */
export function normalizeReason(reason: string): string {
  // Some of the patterns rescan the rest of the text from many positions: bounded text keeps a
  // hostile or runaway message (tens of KB of `a-a-a…`) from taking seconds per task.
  const text =
    reason.length > MAX_NORMALIZED_CHARS ? reason.slice(0, MAX_NORMALIZED_CHARS) : reason;
  return text
    .replace(URL, '<url>')
    .replace(BRACKETED, (bracketed) => (/[\\/]/.test(bracketed) ? '[<path>]' : bracketed))
    .replace(QUOTED, replaceQuoted)
    .replace(URN, '<urn>')
    .replace(GUID, '<guid>')
    .replace(UNC_PATH, '<path>')
    .replace(WINDOWS_PATH, '<path>')
    .replace(UNIX_PATH, '$1<path>')
    .replace(IPV6, replaceIpv6)
    .replace(VERSION, '$1$2<version>')
    .replace(V_VERSION, '$1<version>')
    .replace(IPV4, replaceIpv4)
    .replace(DOTTED_NAME, replaceDottedName)
    .replace(HEX, '<hex>')
    .replace(NUMBER, '<n>')
    .replace(SPACES, ' ')
    .trim();
}
