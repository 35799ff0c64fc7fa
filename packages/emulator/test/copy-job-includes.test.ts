import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { emulatorForTest, get, logOn } from './emulator-harness.js';

describe('GET /jobs/{id}/includes of a copy job', () => {
  it.each(['BackupCopy', 'ImmediateBackupCopy'])(
    'a %s job that exists has includes: none, not a 404',
    async (jobType) => {
      const emulator = await emulatorForTest();
      const token = await logOn(emulator);
      const job = emulator.dataset.jobs.find((candidate) => candidate.jobType === jobType);
      expect(job).toBeDefined();
      expect((await get(emulator, `jobs/${job?.id}`, token)).status).toBe(200);

      const list = await get(emulator, `jobs/${job?.id}/includes`, token);
      expect(list.status).toBe(200);
      const { value, warnings } = decode(await list.text(), { root: 'ObjectsInJob' });
      expect(warnings).toEqual([]);
      expect(value.ObjectsInJob).toEqual([]);
      const json = await get(emulator, `jobs/${job?.id}/includes`, token, 'application/json');
      expect(await json.json()).toEqual({ objectsInJob: [] });

      // The object it links (its LinkedJobObject) is no ObjectInJob: the job is found, the object not.
      const objectId = '64d63522-92a0-491c-af3b-e428019fbfd4';
      const one = await get(emulator, `jobs/${job?.id}/includes/${objectId}`, token);
      expect(one.status).toBe(404);
      expect(decode(await one.text(), { root: 'Error' }).value.Message).toBe(
        `Object in job ${objectId} was not found.`,
      );
    },
  );

  it('an unknown job is still not found', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const id = '0'.repeat(8);
    const response = await get(emulator, `jobs/${id}/includes`, token);
    expect(response.status).toBe(404);
    expect(decode(await response.text(), { root: 'Error' }).value.Message).toBe(
      `Job ${id} was not found.`,
    );
  });
});
