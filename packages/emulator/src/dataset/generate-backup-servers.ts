import type { BackupServerRecord } from './dataset.js';
import type { GuidCodec } from './dataset-guid.js';
import { SERVER_VERSIONS, SITES } from './estate-catalogue.js';
import { pad2 } from './number-format.js';

export function generateBackupServers(count: number, codec: GuidCodec): BackupServerRecord[] {
  return Array.from({ length: count }, (_, index) => {
    const site = SITES[index % SITES.length] as string;
    return {
      id: codec.format(index),
      name: `vbr${pad2(index + 1)}.example.com`,
      description: `Veeam Backup & Replication server, ${site} data center`,
      port: 9392,
      version: SERVER_VERSIONS[index % SERVER_VERSIONS.length] as string,
    };
  });
}
