/**
 * Whether a request's `format` asks for entities instead of references: `Entity`, in any case.
 * The one rule for the handlers (wantsEntities) and the root a route answers with (answerRootOf).
 */
export const isEntityFormat = (format: string | undefined): boolean =>
  format?.toLowerCase() === 'entity';
