import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupJobSessionDescriptor } from '../src/generated/BackupJobSession.gen.js';
import { LinkDescriptor } from '../src/generated/Link.gen.js';
import { fromJson } from '../src/json/from-json.js';
import { keptShapes, SHAPES_PER_TYPE } from '../src/json/json-shapes.js';
import { fixtureDir } from './repo-paths.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(fixtureDir, name), 'utf8'));

describe('the key orders fromJson keeps (so that V8 keeps its readers optimized)', () => {
  it('keeps the key order of a document of EM, and of the objects and first list items in it', () => {
    const session = fixture('get-backupSession-entity.json');
    const result = fromJson('BackupJobSession', session);
    expect(result.warnings).toEqual([]);
    // EM 12 writes the elements before the attributes: the order of the document, not the model's.
    expect(keptShapes(BackupJobSessionDescriptor)).toContainEqual(Object.keys(session));
    const [link] = session.Links as Record<string, unknown>[];
    expect(keptShapes(LinkDescriptor)).toContainEqual(Object.keys(link as object));
  });

  it('keeps each key order once, and a bounded number of them', () => {
    const session = fixture('get-backupSession-entity.json');
    const keys = Object.keys(session);
    for (let shift = 0; shift < SHAPES_PER_TYPE + 2; shift++) {
      const rotated = [...keys.slice(shift), ...keys.slice(0, shift)];
      const reordered = Object.fromEntries(rotated.map((key) => [key, session[key]]));
      fromJson('BackupJobSession', reordered);
      fromJson('BackupJobSession', reordered);
    }
    const kept = keptShapes(BackupJobSessionDescriptor);
    expect(kept.length).toBe(SHAPES_PER_TYPE);
    expect(new Set(kept.map((order) => order.join())).size).toBe(SHAPES_PER_TYPE);
    // The latest orders are the ones kept.
    expect(kept.at(-1)).toEqual([
      ...keys.slice(SHAPES_PER_TYPE + 1),
      ...keys.slice(0, SHAPES_PER_TYPE + 1),
    ]);
  });
});
