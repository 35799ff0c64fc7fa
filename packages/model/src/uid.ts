import { UidError } from './uid-error.js';

/** A parsed EM UID: `urn:veeam:BackupJobSession:<id>` is `{ kind: 'BackupJobSession', id }`. */
export interface ParsedUid {
  readonly kind: string;
  readonly id: string;
}

// The XSD's UidType pattern, anchored.
const UID_PATTERN = /^urn:veeam:([A-Za-z_0-9-]+):([A-Za-z_0-9-]+)$/;
const PART_PATTERN = /^[A-Za-z_0-9-]+$/;

/** URL collection of each entity kind, below `/api/`. */
export const collectionOfKind = {
  BackupJobSession: 'backupSessions',
  BackupTaskSession: 'backupTaskSessions',
  ReplicaJobSession: 'replicaSessions',
  ReplicaTaskSession: 'replicaTaskSessions',
  RestoreSession: 'restoreSessions',
  SystemSession: 'systemSessions',
  Job: 'jobs',
  BackupServer: 'backupServers',
  Repository: 'repositories',
  RestorePoint: 'restorePoints',
  VmRestorePoint: 'vmRestorePoints',
  LogonSession: 'logonSessions',
} as const satisfies Record<string, string>;

export type UidKind = keyof typeof collectionOfKind;

const kindOfCollection: ReadonlyMap<string, UidKind> = new Map<string, UidKind>([
  ...Object.entries(collectionOfKind).map(([kind, collection]): [string, UidKind] => [
    collection,
    kind as UidKind,
  ]),
  // EM's docs (and maybe EM) misspell the replica task sessions in hrefs; read, never written.
  ['repicaTaskSessions', 'ReplicaTaskSession'],
]);

/** Splits `urn:veeam:<Kind>:<id>`; throws `UidError` for anything else. */
export function parseUid(uid: string): ParsedUid {
  if (typeof uid !== 'string') throw new UidError(String(uid), 'not a string');
  const match = UID_PATTERN.exec(uid);
  if (!match) throw new UidError(uid, 'not an EM UID (urn:veeam:<Kind>:<id>)');
  return { kind: match[1] as string, id: match[2] as string };
}

/** `formatUid('BackupJobSession', id)` is `urn:veeam:BackupJobSession:<id>`. */
export function formatUid(kind: string, id: string): string {
  if (!PART_PATTERN.test(kind)) throw new UidError(kind, 'not a UID kind');
  if (!PART_PATTERN.test(id)) throw new UidError(id, 'not a UID id');
  return `urn:veeam:${kind}:${id}`;
}

/** The id part of a UID, which is what URLs use: `/backupSessions/<id>`. */
export const idOfUid = (uid: string): string => parseUid(uid).id;

/**
 * The URL of the entity a UID names, below an API base such as `https://em:9398/api/`.
 * `format: 'Entity'` asks for the entity instead of the reference.
 */
export function hrefOfUid(
  apiBase: string,
  uid: string,
  options: { readonly format?: 'Entity' | undefined } = {},
): string {
  const { kind, id } = parseUid(uid);
  // An own property only: a kind such as `constructor` must not find Object.prototype's.
  const collection = Object.hasOwn(collectionOfKind, kind)
    ? collectionOfKind[kind as UidKind]
    : undefined;
  if (collection === undefined) throw new UidError(uid, `no known URL collection for kind ${kind}`);
  const base = new URL(apiBase);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const url = new URL(`${collection}/${id}`, base);
  if (options.format) url.searchParams.set('format', options.format);
  return url.href;
}

/**
 * The UID of the entity an href points at: `https://em:9398/api/backupSessions/<id>?format=Entity`
 * gives `urn:veeam:BackupJobSession:<id>`. Sub-resources (`…/<id>/taskSessions`) are refused.
 * `repicaTaskSessions`, the docs' spelling in replica task session hrefs, is read as
 * `replicaTaskSessions`.
 */
export function uidOfHref(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw new UidError(href, 'not an absolute URL');
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const api = segments.lastIndexOf('api');
  const [collection, id, ...rest] = segments.slice(api + 1);
  const kind = collection === undefined ? undefined : kindOfCollection.get(collection);
  if (api < 0 || kind === undefined || id === undefined || rest.length > 0) {
    throw new UidError(href, 'not the URL of an EM entity (…/api/<collection>/<id>)');
  }
  let decodedId: string;
  try {
    decodedId = decodeURIComponent(id);
  } catch {
    throw new UidError(href, 'the id is not valid percent-encoding');
  }
  return formatUid(kind, decodedId);
}
