import { isIPv4 } from 'node:net';

/**
 * The im dialect's `fromarea`: the sender's address masked to its first part
 * (`192.` for IPv4, `2001:` for IPv6), never the whole address.
 */
export function maskedArea(ip: string): string {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIPv4(v4)) return `${v4.split('.', 1)[0]}.`;
  const first = ip.split(':', 1)[0];
  return `${first || '0'}:`;
}
