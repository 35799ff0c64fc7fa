const BARE_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a filter compares a `…Uid` field (`urn:veeam:Kind:<guid>`) with a bare GUID. */
export function isBareGuidOfUrn(fieldName: string, value: unknown): value is string {
  return /uid$/i.test(fieldName) && typeof value === 'string' && BARE_GUID.test(value);
}

/** The GUID at the end of a `urn:veeam:Kind:<guid>`, or the text itself when it is no urn. */
export function guidOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf(':') + 1);
}
