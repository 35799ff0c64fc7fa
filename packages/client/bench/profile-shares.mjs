// Where the wall time of a run goes, from V8's sampling CPU profiler on the main thread: every
// sample is put in one bucket by the frames on its stack. The profiler samples idle time too,
// so the buckets add up to the wall time of the profiled stretch.
import { Session } from 'node:inspector/promises';

/** Buckets in order of precedence: a sample in decode called from the client counts as decode. */
const BUCKETS = [
  {
    name: 'decode',
    what: 'decodeBody: @vbem/xml decode, or TextDecoder + JSON.parse + @vbem/model fromJson',
    test: (frame) =>
      frame.functionName === 'decodeBody' ||
      /\/xml\/dist\/|fast-xml-parser|path-expression-matcher|\/model\/dist\//.test(frame.url),
  },
  {
    name: 'transport',
    what: 'ky, undici (HTTP parser, web streams), socket reads and writes, reading the body',
    test: (frame) =>
      frame.functionName === 'readBody' ||
      /\/undici\/|\/ky\/|node:internal\/(webstreams|deps\/undici|stream_base_commons|streams\/)|^node:net$/.test(
        frame.url,
      ) ||
      frame.functionName === 'writeLatin1String' ||
      frame.functionName === 'writeUtf8String' ||
      frame.functionName === 'writev',
  },
  {
    name: 'client',
    what: '@vbem/client itself: paging, dedupe, retries, logon',
    test: (frame) => /\/client\/dist\//.test(frame.url),
  },
];

export async function startProfiler(intervalUs = 1000) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      await session.post('Profiler.disable');
      session.disconnect();
      return profile;
    },
  };
}

/**
 * Milliseconds per bucket: waiting (the loop idle, i.e. for the server's bytes), decode,
 * transport (in this process), client, gc (collections, whatever allocated), other (the
 * bench's own loop, microtask plumbing, native code the profiler cannot place).
 */
export function profileShares(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const bucketOf = new Map();
  const classify = (id) => {
    if (bucketOf.has(id)) return bucketOf.get(id);
    const leaf = byId.get(id).callFrame.functionName;
    let bucket;
    if (leaf === '(idle)') bucket = 'waiting';
    else if (leaf === '(garbage collector)') bucket = 'gc';
    else {
      const frames = [];
      for (let at = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at).callFrame);
      bucket = BUCKETS.find((b) => frames.some(b.test))?.name ?? 'other';
    }
    bucketOf.set(id, bucket);
    return bucket;
  };
  const ms = { waiting: 0, decode: 0, transport: 0, client: 0, gc: 0, other: 0 };
  profile.samples.forEach((id, index) => {
    ms[classify(id)] += (profile.timeDeltas[index] ?? 0) / 1000;
  });
  return ms;
}

export const BUCKET_NOTES = Object.fromEntries(BUCKETS.map((b) => [b.name, b.what]));
