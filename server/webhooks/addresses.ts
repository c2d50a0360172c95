/**
 * Server-side request forgery: a webhook must not reach into the network Ovoz runs in. Loopback,
 * private, link-local, carrier-grade NAT, unique-local, multicast and unspecified addresses are
 * refused — in the URL when it is registered, and again for every address its host resolves to
 * when it is delivered (a name may point elsewhere later), the connection then going to the
 * checked address itself. OVOZ_WEBHOOK_ALLOW_PRIVATE=1 lifts this (a receiver on the same network).
 */
import dns from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

/** Whether `address` (an IP literal) is one a webhook may not reach. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family !== 6) return true;
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is checked as IPv4.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  return blocked.check(bare, 'ipv6');
}

/** Why `url` cannot be a webhook endpoint, or null. Names are resolved only at delivery. */
export function endpointProblem(url: string, allowPrivate: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must be http or https';
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (allowPrivate) return null;
  if (host === 'localhost' || host.endsWith('.localhost')) return 'a loopback address';
  if (isIP(host) && isPrivateAddress(host)) return 'a private, loopback or link-local address';
  return null;
}

export class BlockedAddress extends Error {
  override name = 'BlockedAddress';
}

/**
 * A `lookup` for http.request that resolves the host and refuses it when any of its addresses is
 * private (unless allowed), so the connection goes only to an address that was checked.
 */
export function checkedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad && !allowPrivate) {
        const refused = new BlockedAddress(
          `${hostname} resolves to ${bad.address}, a private address`,
        );
        return callback(refused as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) {
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      }
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
