import { describe, expect, it } from 'vitest';
import { renderJson } from '../src/render/render-json.js';
import type { JobReport } from '../src/report.js';
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

  it('escapes what JSON.stringify leaves raw that a terminal acts on: C1, DEL, bidi, U+2028', () => {
    const report = smallReport();
    const job = report.jobs[0] as JobReport;
    job.jobName = 'a\u009b31m\u007f\u202Eb\u2066\u2028c';
    const json = renderJson(report);
    expect(json).toContain('"jobName":"a\\u009b31m\\u007f\\u202eb\\u2066\\u2028c"');
    expect(json).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(json)).toStrictEqual(report);
  });
});
