import { createClient, ResponseError } from '@vbem/client';
import { JsonLimitError } from '@vbem/model';
import { DEFAULT_MAX_DEPTH } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { checkJsonDepth } from '../src/json-depth.js';
import { emulator } from './helpers/emulator.js';
import { failureOf } from './helpers/failure-of.js';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('checkJsonDepth', () => {
  it('takes a body nested to the limit and refuses one a level deeper, naming the character', () => {
    expect(() => checkJsonDepth(nested(64), 64)).not.toThrow();
    const deeper = `{"a":${nested(64)}}`;
    expect(() => checkJsonDepth(deeper, 64)).toThrow(new JsonLimitError('maxDepth', 64, 68));
    expect(new JsonLimitError('maxDepth', 64, 68).message).toBe(
      'arrays and objects nest deeper than 64 (maxDepth) at character 68',
    );
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = `{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}","b":"é€😀\\\\","c":[1]}`;
    expect(JSON.parse(text)).toBeTruthy();
    expect(() => checkJsonDepth(text, 2)).not.toThrow();
    // After a string that ends in an escaped backslash, brackets count again.
    expect(() => checkJsonDepth('["\\\\",[[]]]', 2)).toThrow(JsonLimitError);
  });
});

it('a JSON answer nested deeper than the XML limit is a ResponseError, before it is parsed', async () => {
  const em = await emulator();
  const deep = `{"refs":{"refs":[]},"pagingInfo":{"x":${nested(100_000)}}}`;
  const client = createClient({
    url: em.url,
    username: 'emulator',
    password: 'emulator',
    format: 'json',
    retry: { limit: 0 },
    fetch: (async (request: Request) => {
      if (!/\/api\/jobs/.test(request.url)) return fetch(request);
      return new Response(deep, { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch,
  });
  try {
    const error = await failureOf(() => client.jobs.list());
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `: expected \\w+, got arrays and objects nest deeper than ${DEFAULT_MAX_DEPTH} \\(maxDepth\\) at character ${36 + DEFAULT_MAX_DEPTH}$`,
      ),
    );
    expect((error as Error).cause).toBeInstanceOf(JsonLimitError);
  } finally {
    await client.close();
    await em.close();
  }
});
