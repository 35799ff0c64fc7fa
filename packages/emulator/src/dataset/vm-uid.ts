import { Platform } from '@vbem/model';
import type { JobRecord } from './dataset.js';
import { type GuidCodec, GuidKind, guidCodec } from './dataset-guid.js';
import { Stream } from './random-streams.js';
import { hashKeys } from './seeded-random.js';

/** The codecs a VM URN is made from; callers on a hot path pass ones they built once. */
export interface VmUidCodecs {
  readonly host: GuidCodec;
  readonly vmObject: GuidCodec;
}

export const vmUidCodecs = (seed: number): VmUidCodecs => ({
  host: guidCodec(seed, GuidKind.VirtualizationHost),
  vmObject: guidCodec(seed, GuidKind.VmObject),
});

/**
 * A VM's URN: `urn:VMware:Vm:<vCenter>.vm-<n>` for VMware (and copies of VMware backups),
 * `urn:<platform>:Vm:<host>.<guid>` otherwise. Task sessions carry it as `VmUid`, a job's objects
 * as `HierarchyObjRef`.
 */
export function vmUid(
  seed: number,
  job: JobRecord,
  jobIndex: number,
  vmIndex: number,
  codecs: VmUidCodecs = vmUidCodecs(seed),
): string {
  const host = codecs.host.format(job.serverIndex);
  if (job.platform === Platform.VMware || job.platform === Platform.CustomPlatform) {
    const firstMoref = 1000 + (hashKeys([seed, Stream.VmIdentity, job.serverIndex]) % 90_000);
    return `urn:VMware:Vm:${host}.vm-${firstMoref + jobIndex * job.vmNames.length + vmIndex}`;
  }
  return `urn:${job.platform}:Vm:${host}.${codecs.vmObject.format(jobIndex, vmIndex)}`;
}
