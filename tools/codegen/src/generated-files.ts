import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const isGenerated = (file: string): boolean => file.endsWith('.gen.ts');

/** Writes the files into `outDir` and removes generated files that no schema produces any more. */
export function writeGeneratedFiles(outDir: string, files: ReadonlyMap<string, string>): void {
  mkdirSync(outDir, { recursive: true });
  for (const stale of readdirSync(outDir).filter((f) => isGenerated(f) && !files.has(f))) {
    rmSync(join(outDir, stale));
  }
  for (const [file, text] of files) writeFileSync(join(outDir, file), text);
}

export interface GeneratedDrift {
  readonly changed: string[];
  readonly missing: string[];
  readonly stale: string[];
}

/** Compares two folders of generated files: `expectedDir` is fresh output, `actualDir` the committed one. */
export function compareGeneratedDirs(expectedDir: string, actualDir: string): GeneratedDrift {
  const list = (dir: string) => {
    try {
      return readdirSync(dir).filter(isGenerated).sort();
    } catch {
      return [];
    }
  };
  const expected = list(expectedDir);
  const actual = new Set(list(actualDir));
  const changed = expected.filter(
    (file) =>
      actual.has(file) &&
      readFileSync(join(expectedDir, file), 'utf8') !== readFileSync(join(actualDir, file), 'utf8'),
  );
  const missing = expected.filter((file) => !actual.has(file));
  const stale = [...actual].filter((file) => !expected.includes(file));
  return { changed, missing, stale };
}

export const hasDrift = (drift: GeneratedDrift): boolean =>
  drift.changed.length + drift.missing.length + drift.stale.length > 0;
