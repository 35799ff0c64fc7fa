import { parseUid } from '@vbem/model';
import { ClientOptionsError } from '../errors/client-options-error.js';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The URL id of a resource from a GUID or a UID (`urn:veeam:BackupJobSession:<guid>`). A UID of
 * another kind, or anything that could change the path, is refused before a request is made.
 */
export function resourceId(idOrUid: string, kind: string): string {
  if (typeof idOrUid !== 'string') throw new ClientOptionsError(`a ${kind} id must be a string`);
  let id = idOrUid;
  if (idOrUid.startsWith('urn:')) {
    let parsed: ReturnType<typeof parseUid>;
    try {
      parsed = parseUid(idOrUid);
    } catch {
      throw new ClientOptionsError(`${JSON.stringify(idOrUid)} is not an EM UID`);
    }
    if (parsed.kind !== kind) {
      throw new ClientOptionsError(`${idOrUid} is a ${parsed.kind} UID, not a ${kind} UID`);
    }
    id = parsed.id;
  }
  if (!ID_PATTERN.test(id)) {
    throw new ClientOptionsError(`${JSON.stringify(idOrUid)} is not a ${kind} id or UID`);
  }
  return id;
}
