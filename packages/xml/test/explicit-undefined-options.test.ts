import type { RootElementName } from '@vbem/model';
import { type DecodeOptions, decode, EM_NAMESPACE, type EncodeOptions, encode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';

// Options as a caller often holds them: read from a config, each possibly undefined. Compiled
// with exactOptionalPropertyTypes (tsconfig.test.json), so passing them on must type-check.
interface Config {
  readonly root?: RootElementName | undefined;
  readonly strict?: boolean | undefined;
  readonly maxBytes?: number | undefined;
  readonly maxDepth?: number | undefined;
  readonly maxWarnings?: number | undefined;
  readonly declaration?: boolean | undefined;
}
const cfg: Config = {};

// A session with an element the model does not know: a warning by default, an error with strict.
const xml =
  `<BackupJobSession xmlns="${EM_NAMESPACE}" Href="h" Name="n" UID="urn:veeam:BackupJobSession:1">` +
  '<JobUid>urn:veeam:Job:1</JobUid><JobName>Job</JobName><JobType>Backup</JobType>' +
  '<CreationTimeUTC>2025-09-24T20:00:09Z</CreationTimeUTC><State>Stopped</State>' +
  '<Result>Success</Result><Progress>100</Progress><IsRetry>false</IsRetry>' +
  '<ProxyName>p1</ProxyName></BackupJobSession>';

describe('options given as undefined are not given', () => {
  it('decode keeps its defaults: any root, warnings not errors, the default limits', () => {
    const options: DecodeOptions = {
      root: cfg.root,
      strict: cfg.strict,
      maxBytes: cfg.maxBytes,
      maxDepth: cfg.maxDepth,
      maxWarnings: cfg.maxWarnings,
    };
    const decoded = decode(xml, options);
    expect(decoded).toEqual(decode(xml));
    expect(decoded.root).toBe('BackupJobSession');
    expect(decoded.warnings.map((warning) => warning.name)).toEqual(['ProxyName']);
    expect(decode(xml, { maxBytes: cfg.maxBytes, maxDepth: cfg.maxDepth })).toEqual(decoded);
    // As bytes too, where maxBytes is checked against the byte length.
    expect(decode(new TextEncoder().encode(xml), options)).toEqual(decoded);
  });

  it('encode writes the XML declaration, as without options', () => {
    const { value } = decode(xml, { root: 'BackupJobSession' });
    const options: EncodeOptions = { declaration: cfg.declaration };
    const written = encode('BackupJobSession', value, options);
    expect(written).toBe(encode('BackupJobSession', value));
    expect(written.startsWith('<?xml version="1.0" encoding="utf-8"?><BackupJobSession')).toBe(
      true,
    );
  });
});
