/** What the per-request debug line may say about a URL: the path, and query values unless they look secret. Pure. */

/** Query keys whose values are never logged (`?token=…`, `?access_token=…`, `?community=…`, …). */
const SECRET_KEY_RE = /token|key|secret|pass|community|auth|sig/i;

/** The request URL for the log, with the values of secret-looking query parameters replaced by `***`. */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawKey = eq < 0 ? pair : pair.slice(0, eq);
      let key: string;
      try {
        key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      } catch {
        key = rawKey;
      }
      return eq >= 0 && SECRET_KEY_RE.test(key) ? `${rawKey}=***` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}
