import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliOutput, runCli } from '../src/index.js';
import { copyOfSchemas, editSchema, scratchDir } from './temp-schemas.js';

function capture(): CliOutput & { text: () => string } {
  const lines: string[] = [];
  return { log: (l) => lines.push(l), error: (l) => lines.push(l), text: () => lines.join('\n') };
}

function generatedFolder(): { schemaDir: string; out: string } {
  const { schemaDir } = copyOfSchemas();
  const out = scratchDir();
  expect(runCli(['generate', '--schemas', schemaDir, '--out', out], capture())).toBe(0);
  return { schemaDir, out };
}

describe('vbem-codegen', () => {
  it('check passes on freshly generated output', () => {
    const { schemaDir, out } = generatedFolder();
    const output = capture();
    expect(runCli(['check', '--schemas', schemaDir, '--out', out], output)).toBe(0);
    expect(output.text()).toMatch(/88 generated files are up to date/);
  });

  it('check fails listing changed, missing and stale files and the command to fix them', () => {
    const { schemaDir, out } = generatedFolder();
    const link = join(out, 'Link.gen.ts');
    writeFileSync(link, `${readFileSync(link, 'utf8')}// hand edit\n`);
    rmSync(join(out, 'Task.gen.ts'));
    writeFileSync(join(out, 'Old.gen.ts'), '');
    const output = capture();
    expect(runCli(['check', '--schemas', schemaDir, '--out', out], output)).toBe(1);
    const text = output.text();
    expect(text).toMatch(/changed +.*Link\.gen\.ts/);
    expect(text).toMatch(/missing +.*Task\.gen\.ts/);
    expect(text).toMatch(/stale +.*Old\.gen\.ts/);
    expect(text).toContain('npx nx run model:generate');
  });

  it('check fails when a schema changed after generation', () => {
    const { schemaDir, out } = generatedFolder();
    editSchema(schemaDir, 'Link.schema.json', (schema) => {
      schema.description = 'changed';
    });
    const output = capture();
    expect(runCli(['check', '--schemas', schemaDir, '--out', out], output)).toBe(1);
    expect(output.text()).toMatch(/changed +.*Link\.gen\.ts/);
    expect(output.text()).not.toMatch(/Task\.gen\.ts/);
  });

  it('generate removes files that no schema produces any more', () => {
    const { schemaDir, out } = generatedFolder();
    writeFileSync(join(out, 'Old.gen.ts'), '');
    writeFileSync(join(out, 'keep.ts'), '');
    expect(runCli(['generate', '--schemas', schemaDir, '--out', out], capture())).toBe(0);
    expect(() => readFileSync(join(out, 'Old.gen.ts'))).toThrow();
    expect(readFileSync(join(out, 'keep.ts'), 'utf8')).toBe('');
  });

  it('reports a bad schema as one line and exit code 1', () => {
    const { schemaDir } = copyOfSchemas();
    editSchema(schemaDir, 'Link.schema.json', (schema) => {
      schema.title = 'Other';
    });
    const output = capture();
    expect(runCli(['generate', '--schemas', schemaDir, '--out', scratchDir()], output)).toBe(1);
    expect(output.text()).toBe(
      'vbem-codegen: Link.schema.json#/title: must equal the file name "Link"',
    );
  });

  it('prints usage and exits 2 on bad arguments', () => {
    const output = capture();
    expect(runCli(['frobnicate'], output)).toBe(2);
    expect(output.text()).toMatch(/^usage: vbem-codegen/);
    expect(runCli(['--help'], capture())).toBe(0);
  });
});
