/** A QueryResult page of BackupJobSession entities of about `bytes` bytes, shaped like EM 13's. */
export function generateDocument(bytes: number): { xml: string; sessions: number };
