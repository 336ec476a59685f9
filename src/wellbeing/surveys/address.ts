// The client address the wrong-code limit counts against. An IPv4 address counts alone; an IPv6 address counts with
// its /64 network, because one subscriber line or host usually holds a whole /64 (RFC 6177 recommends /56–/64 per
// site) and can pick a fresh address from it for every try — counting single IPv6 addresses would not limit anyone.
// An IPv4-mapped IPv6 address (::ffff:a.b.c.d, how a dual-stack socket reports IPv4 clients) counts as its IPv4.
import { isIPv4, isIPv6 } from 'node:net';

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail becomes two groups); null when not IPv6. */
function groupsOf(ip: string): number[] | null {
  if (!isIPv6(ip)) return null;
  let s = ip.replace(/%.*$/, ''); // a zone (fe80::1%eth0) is not part of the address
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const b = v4[1].split('.').map(Number);
    s = `${s.slice(0, v4.index)}${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, null];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === null ? [] : new Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((x) => parseInt(x, 16));
}

/** The key an address is limited by: '198.51.100.7', or '2001:db8:1:2::/64' for any address of that /64. */
export function rateKey(ip: string): string {
  const raw = ip.trim();
  if (isIPv4(raw)) return raw;
  const g = groupsOf(raw);
  if (!g) return raw;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return `${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`;
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::/64`;
}
