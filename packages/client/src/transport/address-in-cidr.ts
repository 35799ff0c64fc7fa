import { BlockList, isIP } from 'node:net';

/**
 * Whether an IP address lies in a CIDR block (`10.0.0.0/8`, `fd00::/8`, `[fd00::]/8`). A block
 * that does not parse (`10.0.0/8`, `10.0.0.0/33`, `/x`) matches nothing, as curl reads it; nor
 * does a block of the other family, so `::ffff:10.1.2.3` is not in `10.0.0.0/8`.
 */
export function isAddressInCidr(address: string, cidr: string): boolean {
  const slash = cidr.indexOf('/');
  const network = cidr.slice(0, slash).replace(/^\[(.*)\]$/, '$1');
  const bits = cidr.slice(slash + 1);
  const family = isIP(address);
  if (slash < 0 || family === 0 || isIP(network) !== family || !/^\d{1,3}$/.test(bits)) {
    return false;
  }
  const prefix = Number(bits);
  if (prefix > (family === 4 ? 32 : 128)) return false;
  const block = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  block.addSubnet(network, prefix, type);
  return block.check(address, type);
}
