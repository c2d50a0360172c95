/**
 * The client's address for rate limits and sign-in throttling, never for anything stored. The
 * socket's peer, unless that peer is a proxy listed in OVOZ_TRUST_PROXY: then X-Forwarded-For is
 * read from the right, each hop trusted only while the hop that added it is a listed proxy, so a
 * client cannot choose its own address by sending the header itself.
 */
import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

const lists = new WeakMap<readonly string[], BlockList>();

/** Whether `entry` is an address or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
export function isAddressOrRange(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

function blockList(trusted: readonly string[]): BlockList {
  let list = lists.get(trusted);
  if (!list) {
    list = new BlockList();
    for (const entry of trusted) {
      const [address, bits] = entry.split('/') as [string, string | undefined];
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(bits), type);
    }
    lists.set(trusted, list);
  }
  return list;
}

/** `::ffff:1.2.3.4` is the IPv4 address it maps. */
function plain(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export function clientAddress(c: Context, trusted: readonly string[]): string {
  let peer: string;
  try {
    peer = plain(getConnInfo(c).remote.address ?? 'unknown');
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
  if (trusted.length === 0) return peer;
  const list = blockList(trusted);
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let current = peer;
  while (isTrusted(list, current) && forwarded.length > 0) {
    const hop = plain(forwarded.pop()!);
    if (!isIP(hop)) break;
    current = hop;
  }
  return current;
}
