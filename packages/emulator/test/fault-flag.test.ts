import { describe, expect, it } from 'vitest';
import { FaultFlagError, faultRuleOfFlag } from '../src/index.js';

const refusal = (text: string) => {
  try {
    faultRuleOfFlag(text);
  } catch (error) {
    expect(error).toBeInstanceOf(FaultFlagError);
    expect((error as FaultFlagError).rule).toBe(text);
    return (error as Error).message;
  }
  throw new Error(`${text} was taken`);
};

describe('--fault KIND[:VALUE][,key=value…]', () => {
  it('reads a rule of every kind the library has, with the keys of the rule', () => {
    expect(faultRuleOfFlag('latency:1500,method=GET')).toEqual({
      fault: { kind: 'latency', ms: 1500 },
      method: 'GET',
    });
    expect(faultRuleOfFlag('status:503,retry-after=5,path=/jobs,after=1,times=3')).toEqual({
      fault: { kind: 'status', status: 503, retryAfter: 5 },
      path: '/jobs',
      after: 1,
      times: 3,
    });
    expect(faultRuleOfFlag('status:403,path=/jobs')).toEqual({
      fault: { kind: 'status', status: 403 },
      path: '/jobs',
    });
    expect(faultRuleOfFlag('status:401')).toEqual({ fault: { kind: 'status', status: 401 } });
    expect(faultRuleOfFlag('expire-token,after=2,times=Infinity')).toEqual({
      fault: { kind: 'expire-token' },
      after: 2,
      times: Number.POSITIVE_INFINITY,
    });
    expect(faultRuleOfFlag('dead-session')).toEqual({ fault: { kind: 'dead-session' } });
    expect(faultRuleOfFlag('reset:acted,path=/sessionMngr')).toEqual({
      fault: { kind: 'reset', acted: true },
      path: '/sessionMngr',
    });
    expect(faultRuleOfFlag('truncate,acted=false')).toEqual({
      fault: { kind: 'truncate', acted: false },
    });
    expect(faultRuleOfFlag('malformed,acted')).toEqual({
      fault: { kind: 'malformed', acted: true },
    });
    const stall = faultRuleOfFlag('stall,path-regexp=^/api/query\\?type=Job');
    expect(stall.path).toEqual(/^\/api\/query\?type=Job/);
    expect(stall.fault).toEqual({ kind: 'stall' });
  });

  it('keeps a comma in a value unless a key follows it: a filter, an HTTP date', () => {
    expect(
      faultRuleOfFlag(
        'status:503,retry-after=Wed, 21 Oct 2015 07:28:00 GMT,path=/query?filter=name==a,b,times=2',
      ),
    ).toEqual({
      fault: { kind: 'status', status: 503, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' },
      path: '/query?filter=name==a,b',
      times: 2,
    });
  });

  it('refuses a rule the library would refuse, in its words, naming the rule and the key', () => {
    expect(refusal('status:200')).toBe(
      '--fault "status:200": status must be one of 401, 403, 429, 500, 502, 503, 504, got 200',
    );
    expect(refusal('latency:-5')).toBe(
      '--fault "latency:-5": ms must be a number of milliseconds from 0 to 2147483647, got -5',
    );
    expect(refusal('latency:abc')).toMatch(/: ms must be a number of milliseconds .*, got "abc"$/);
    expect(refusal('reset:acted=yes')).toBe(
      '--fault "reset:acted=yes": acted must be true or false, got "yes"',
    );
    expect(refusal('status:503,path=/api/jobs')).toBe(
      '--fault "status:503,path=/api/jobs": path must be given below /api: "/jobs", not "/api/jobs"',
    );
    expect(refusal('stall,method=FOO')).toMatch(
      /^--fault "stall,method=FOO": method must be an HTTP method/,
    );
    expect(refusal('stall,after=-1')).toMatch(
      /: after must be a whole number of at least 0, got -1$/,
    );
    expect(refusal('stall,times=0')).toMatch(
      /: times must be a whole number of at least 1, or Infinity, got 0$/,
    );
    expect(refusal('status:503,retry-after=\u0001')).toMatch(
      /: retry-after must be a whole number/,
    );
  });

  it('refuses what the syntax cannot read, saying what it takes', () => {
    expect(refusal('lat')).toBe(
      '--fault "lat": the kind must be one of latency, status, expire-token, dead-session, reset, truncate, malformed, stall, got "lat" (the syntax: KIND[:VALUE][,key=value…])',
    );
    expect(refusal('')).toMatch(/^--fault "": the kind must be one of /);
    expect(refusal('latency:5,msec=4')).toBe(
      '--fault "latency:5,msec=4": "msec" is not a key of a latency fault (ms, method, path, path-regexp, after, times)',
    );
    // `acted` is for the faults that spoil an answer.
    expect(refusal('latency:5,acted')).toMatch(/"acted" is not a key of a latency fault/);
    expect(refusal('status')).toBe(
      '--fault "status": a status fault needs its status, such as status:503',
    );
    expect(refusal('latency')).toMatch(/a latency fault needs its ms, such as latency:1500$/);
    expect(refusal('status:')).toBe('--fault "status:": nothing follows "status:"');
    expect(refusal('expire-token:x')).toBe('--fault "expire-token:x": "x" is not key=value');
    expect(refusal('reset:acted,acted')).toBe('--fault "reset:acted,acted": acted is given twice');
    expect(refusal('stall,path=')).toBe('--fault "stall,path=": path is empty');
    expect(refusal('stall,path=/jobs,path-regexp=x')).toMatch(
      /give path or path-regexp, not both$/,
    );
    expect(refusal('stall,path-regexp=(')).toMatch(
      /^--fault "stall,path-regexp=\(": path-regexp is not a regular expression \(/,
    );
  });
});
