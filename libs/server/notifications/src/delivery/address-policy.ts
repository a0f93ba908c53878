import { isIP } from 'node:net';

/**
 * Why an address may not be reached by a server-side request (docs/security.md #15), or null when it
 * is a public unicast address. Pure: no DNS, no I/O. IPv4-mapped, IPv4-compatible, NAT64 and
 * 6to4 IPv6 forms are judged by the IPv4 address they carry.
 */
export type BlockedReason = 'loopback' | 'unspecified' | 'link-local' | 'private' | 'cgnat' | 'multicast' | 'reserved' | 'not-an-ip';

const V4_RULES: [string, number, BlockedReason][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function blockedV4(n: number): BlockedReason | null {
  for (const [base, bits, reason] of V4_RULES) {
    const size = 2 ** (32 - bits);
    const start = v4ToInt(base);
    if (n >= start && n < start + size) return reason;
  }
  return null;
}

/** Eight 16-bit groups of an IPv6 address (zone id dropped, embedded dotted quad allowed). */
export function ipv6Groups(ip: string): number[] {
  let s = ip.split('%')[0].toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const n = v4ToInt(dotted[1]);
    s = `${s.slice(0, -dotted[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = s.includes('::') ? 8 - h.length - t.length : 0;
  return [...h, ...Array<string>(missing).fill('0'), ...t].map((g) => parseInt(g, 16));
}

function blockedV6(g: number[]): BlockedReason | null {
  const v4At = (i: number) => g[i] * 65536 + g[i + 1];
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return 'unspecified';
  if (zeros(0, 7) && g[7] === 1) return 'loopback';
  if (zeros(0, 5) && g[5] === 0xffff) return blockedV4(v4At(6)); // ::ffff:a.b.c.d, IPv4-mapped
  if (zeros(0, 6)) return blockedV4(v4At(6)) ?? 'reserved'; // ::a.b.c.d, deprecated IPv4-compatible
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return blockedV4(v4At(6)); // NAT64 well-known prefix
  if (g[0] === 0x2002) return blockedV4(v4At(1)); // 6to4 carries the IPv4 address
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xfe00) === 0xfc00) return 'private';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if ((g[0] & 0xe000) !== 0x2000) return 'reserved'; // only 2000::/3 is global unicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'reserved'; // documentation
  if (g[0] === 0x2001 && g[1] === 0) return 'reserved'; // Teredo
  return null;
}

export function blockedAddressReason(ip: string): BlockedReason | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const family = isIP(bare.split('%')[0]);
  if (family === 4) return blockedV4(v4ToInt(bare));
  if (family === 6) return blockedV6(ipv6Groups(bare));
  return 'not-an-ip';
}
