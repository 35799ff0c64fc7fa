import {
  buildReport,
  ReportError,
  renderCsv,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderPrometheus,
  renderTable,
  renderText,
  reportInputRange,
} from '@vbem/reporting';
import { describe, expect, it } from 'vitest';
import { sampleInput } from './report-samples.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const REPORT_OPTIONS =
  'from, to, since, now, generatedAt, timeZone, rpo, policy, groupBy, topReasons';

// From JavaScript, or through a cast: the types would refuse every one of these.
const loose = <T>(value: unknown): T => value as T;

describe('a misspelled option is refused, not ignored', () => {
  it('buildReport names every unknown key, each with the option it differs from by case', async () => {
    const options = loose<Parameters<typeof buildReport>[1]>({
      now: NOW,
      timezone: 'Europe/Berlin',
      RPO: '12h',
      groupby: 'jobType',
      Policy: 'warning-is-success',
    });
    await expect(buildReport(sampleInput(), options)).rejects.toThrow(
      new ReportError(
        'invalid-option',
        'buildReport: timezone (did you mean timeZone?), RPO (did you mean rpo?), groupby (did you mean groupBy?) and Policy (did you mean policy?) are not options',
      ),
    );
    for (const [given, meant] of [
      ['RPO', 'rpo'],
      ['groupby', 'groupBy'],
      ['Policy', 'policy'],
      ['topReason', 'topReasons'],
      ['form', 'from'],
    ] as const) {
      await expect(buildReport(sampleInput(), loose({ now: NOW, [given]: 'x' }))).rejects.toThrow(
        new ReportError(
          'invalid-option',
          `buildReport: ${given} is not an option; did you mean ${meant}?`,
        ),
      );
    }
  });

  it('a misspelled key given as undefined is a typo too; a known one is not given', async () => {
    await expect(
      buildReport(sampleInput(), loose({ now: NOW, timezone: undefined })),
    ).rejects.toThrow(
      new ReportError(
        'invalid-option',
        'buildReport: timezone is not an option; did you mean timeZone?',
      ),
    );
    await expect(buildReport(sampleInput(), { now: NOW, timeZone: undefined })).resolves.toEqual(
      await buildReport(sampleInput(), { now: NOW }),
    );
  });

  it('lists the options once when a key of several has none near it', async () => {
    await expect(
      buildReport(sampleInput(), loose({ now: NOW, timezone: 'UTC', foo: 1 })),
    ).rejects.toThrow(
      new ReportError(
        'invalid-option',
        `buildReport: timezone (did you mean timeZone?) and foo are not options (its options: ${REPORT_OPTIONS})`,
      ),
    );
    expect(() => reportInputRange(loose({ foo: 1, 'x-y': 2 }))).toThrow(
      new ReportError(
        'invalid-option',
        `reportInputRange: foo and "x-y" are not options (its options: ${REPORT_OPTIONS})`,
      ),
    );
  });

  it('names ten unknown keys at most, then how many more, and the options', () => {
    const keys = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`k${index}`, 1]));
    expect(() => renderTable([], [], loose(keys))).toThrow(
      new ReportError(
        'invalid-option',
        'renderTable: k0, k1, k2, k3, k4, k5, k6, k7, k8, k9 and 2 more are not options (its options: width, color)',
      ),
    );
  });

  it('lists the options when no one of them is near the key', async () => {
    for (const key of ['foo', 'top', 'timeZoneName']) {
      await expect(buildReport(sampleInput(), loose({ now: NOW, [key]: 1 }))).rejects.toThrow(
        new ReportError(
          'invalid-option',
          `buildReport: ${key} is not an option (its options: ${REPORT_OPTIONS})`,
        ),
      );
    }
    expect(() => reportInputRange(loose({ 'x-y': 'UTC' }))).toThrow(
      new ReportError(
        'invalid-option',
        `reportInputRange: "x-y" is not an option (its options: ${REPORT_OPTIONS})`,
      ),
    );
  });

  it("checks rpo's keys, and reportInputRange its options, as buildReport does", async () => {
    await expect(
      buildReport(sampleInput(), loose({ now: NOW, rpo: { default: '24h', Jobs: { A: '1h' } } })),
    ).rejects.toThrow(
      new ReportError('invalid-option', 'rpo.Jobs is not an option; did you mean rpo.jobs?'),
    );
    expect(() => reportInputRange(loose({ rpo: { Default: '12h' } }))).toThrow(
      new ReportError('invalid-option', 'rpo.Default is not an option; did you mean rpo.default?'),
    );
    expect(() => reportInputRange(loose({ rpo: { default: '12h', job: {} } }))).toThrow(
      new ReportError('invalid-option', "rpo.job is not an option (rpo's options: default, jobs)"),
    );
    expect(() => reportInputRange(loose({ rpo: { Default: '12h', Jobs: {} } }))).toThrow(
      new ReportError(
        'invalid-option',
        'rpo.Default (did you mean rpo.default?) and rpo.Jobs (did you mean rpo.jobs?) are not options',
      ),
    );
    expect(() => reportInputRange(loose({ sinse: '2d' }))).toThrow(
      new ReportError(
        'invalid-option',
        'reportInputRange: sinse is not an option; did you mean since?',
      ),
    );
  });

  it('buildReport refuses a part of the input it does not know (invalid-input)', async () => {
    const input = { ...sampleInput(), tasksessions: [] };
    await expect(buildReport(loose(input), { now: NOW })).rejects.toThrow(
      new ReportError(
        'invalid-input',
        'input.tasksessions is not a part of the input; did you mean input.taskSessions?',
      ),
    );
    await expect(buildReport(loose({ sessions: [], vms: [] }), { now: NOW })).rejects.toThrow(
      new ReportError(
        'invalid-input',
        'input.vms is not a part of the input (its parts: sessions, taskSessions, jobs, source, failedSources, sourcesWithoutVms)',
      ),
    );
    await expect(
      buildReport(loose({ sessions: [], vms: [], Jobs: [] }), { now: NOW }),
    ).rejects.toThrow(
      new ReportError(
        'invalid-input',
        'input.vms and input.Jobs (did you mean input.jobs?) are not parts of the input (its parts: sessions, taskSessions, jobs, source, failedSources, sourcesWithoutVms)',
      ),
    );
  });

  it('every renderer refuses a key it does not know, naming itself', async () => {
    const r = await buildReport(sampleInput(), { now: NOW });
    const cases: readonly [() => string, string][] = [
      [
        () => renderText(r, loose({ Width: 40, colour: true })),
        'renderText: Width (did you mean width?) and colour (did you mean color?) are not options',
      ],
      [
        () => renderText(r, loose({ colour: true })),
        'renderText: colour is not an option; did you mean color?',
      ],
      [
        () => renderMarkdown(r, loose({ Top: 3 })),
        'renderMarkdown: Top is not an option; did you mean top?',
      ],
      [
        () => renderHtml(r, loose({ titel: 'x' })),
        'renderHtml: titel is not an option; did you mean title?',
      ],
      [
        () => renderJson(r, loose({ prety: true })),
        'renderJson: prety is not an option; did you mean pretty?',
      ],
      [
        () => renderCsv(r, loose({ tabel: 'vms' })),
        'renderCsv: tabel is not an option; did you mean table?',
      ],
      [
        () => renderPrometheus(r, loose({ namespace: 'x' })),
        'renderPrometheus: namespace is not an option (its options: prefix)',
      ],
      [
        () => renderTable([], [], loose({ wdith: 3 })),
        'renderTable: wdith is not an option; did you mean width?',
      ],
      [
        () => renderText(r, loose({ unicode: undefined })),
        'renderText: unicode is not an option (its options: color, width, top)',
      ],
    ];
    for (const [render, message] of cases) {
      expect(render).toThrow(new ReportError('invalid-option', message));
    }
  });
});
