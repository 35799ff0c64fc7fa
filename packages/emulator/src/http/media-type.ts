/**
 * The Content-Type of EM's bodies: the bare media type, with no charset parameter, as the captured
 * EM answer (`Content-Type: application/json`) and the docs' response headers show.
 */
export const mediaType = (json: boolean): string => (json ? 'application/json' : 'application/xml');
