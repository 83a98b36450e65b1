/** `host:port` as people and URLs write it: an IPv6 address in brackets (`[::1]:161`). Pure. */
export function formatAgent(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}
