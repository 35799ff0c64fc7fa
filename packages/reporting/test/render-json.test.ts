import { describe, expect, it } from 'vitest';
import { renderJson } from '../src/render/render-json.js';
import { hostileReport, sessionReport, smallReport } from './render-fixtures.js';

describe('renderJson', () => {
  it('writes the report on one line with a trailing newline', () => {
    const json = renderJson(smallReport());
    expect(json).toBe(`${JSON.stringify(smallReport())}\n`);
    expect(json.indexOf('\n')).toBe(json.length - 1);
  });

  it('indents with two spaces when pretty', () => {
    const json = renderJson(sessionReport(), { pretty: true });
    expect(json).toBe(`${JSON.stringify(sessionReport(), null, 2)}\n`);
    expect(json.split('\n').slice(0, 4)).toEqual([
      '{',
      '  "schemaVersion": 1,',
      '  "generatedAt": "2025-09-24T08:00:00.000Z",',
      '  "window": {',
    ]);
  });

  it('adds and removes nothing: it parses back to an equal report', () => {
    for (const report of [smallReport(), sessionReport(), hostileReport()]) {
      for (const pretty of [false, true]) {
        expect(JSON.parse(renderJson(report, { pretty }))).toStrictEqual(report);
      }
    }
  });

  it('keeps hostile names as JSON strings: line breaks and controls escaped, nothing else', () => {
    const json = renderJson(hostileReport());
    expect([...json.slice(0, -1)].filter((char) => char < ' ')).toEqual([]);
    expect(json).toContain('"jobName":"first line\\nsecond line"');
    expect(json).toContain('"jobName":"colour \\u001b[31mred\\u001b[0m');
    expect(json).toContain('"jobName":"<script>alert(1)</script>"');
  });
});
