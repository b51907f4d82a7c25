import { isIP } from 'node:net';

/**
 * Decides which `Host` headers the server answers. A web page can reach a loopback
 * server by DNS rebinding only through a host *name* it controls, so: the listening
 * address itself, the loopback names when listening on loopback, any address literal
 * when listening on all interfaces, and the names the operator configured.
 */
export function createHostCheck(listenHost: string, allowedNames: readonly string[]) {
  const loopback = listenHost === '127.0.0.1' || listenHost === '::1' || listenHost === 'localhost';
  const everywhere = listenHost === '0.0.0.0' || listenHost === '::';
  const allowed = new Set([normalize(listenHost), ...allowedNames.map(normalize)]);
  if (loopback) for (const name of ['127.0.0.1', '::1', 'localhost']) allowed.add(name);

  return (hostHeader: string | undefined): boolean => {
    if (!hostHeader) return false;
    const name = normalize(hostnameOf(hostHeader));
    if (allowed.has(name)) return true;
    return everywhere && isIP(name) !== 0;
  };
}

function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
