/** Reads the public REST API. On loopback no token is needed; elsewhere the page asks for it once per tab (sessionStorage) and a 401 asks again. */
import { byId } from './dom.js';

const TOKEN_KEY = 'linkscope.apiToken';
/** Attempts per request when the server keeps answering 401 (each one asks the user). */
const MAX_TOKEN_ATTEMPTS = 5;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let asking: Promise<void> | null = null;

/** Shows the token dialog (once, however many requests are waiting) and stores what the user enters. */
function askToken(reason: string): Promise<void> {
  asking ??= new Promise<void>((resolve) => {
    const dialog = byId<HTMLDialogElement>('token-dialog');
    const input = byId<HTMLInputElement>('token-input');
    byId('token-reason').textContent = reason;
    input.value = '';
    const done = (): void => {
      dialog.removeEventListener('close', done);
      const value = input.value.trim();
      if (value !== '') sessionStorage.setItem(TOKEN_KEY, value);
      asking = null;
      resolve();
    };
    dialog.addEventListener('close', done);
    dialog.showModal();
    input.focus();
  });
  return asking;
}

/** The JSON at `path` (relative to the page, e.g. `api/v1/topology`); null for a 404 when `allowMissing`. */
export async function getJson<T>(path: string, options: { allowMissing?: boolean; signal?: AbortSignal } = {}): Promise<T | null> {
  for (let attempt = 0; attempt < MAX_TOKEN_ATTEMPTS; attempt += 1) {
    if (asking !== null) await asking;
    const token = sessionStorage.getItem(TOKEN_KEY);
    const init: RequestInit = { cache: 'no-store', headers: token === null ? {} : { authorization: `Bearer ${token}` } };
    if (options.signal !== undefined) init.signal = options.signal;
    const res = await fetch(path, init);
    if (res.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      await askToken(token === null ? 'This linkscope API needs its token (LINKSCOPE_API_TOKEN) to be read from here.' : 'That token was refused; enter LINKSCOPE_API_TOKEN again.');
      continue;
    }
    if (res.status === 404 && options.allowMissing === true) return null;
    if (!res.ok) {
      let message = `HTTP ${res.status}`;
      try {
        const body = (await res.json()) as { error?: { message?: string } };
        if (typeof body.error?.message === 'string') message = body.error.message;
      } catch {
        // not JSON: keep the status line
      }
      throw new ApiError(res.status, `${path}: ${message}`);
    }
    return (await res.json()) as T;
  }
  throw new ApiError(401, `${path}: no accepted token after ${MAX_TOKEN_ATTEMPTS} tries`);
}

/** getJson for routes that always answer (404 is an error). */
export async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  const v = await getJson<T>(path, signal === undefined ? {} : { signal });
  if (v === null) throw new ApiError(404, `${path}: not found`);
  return v;
}

export const enc = encodeURIComponent;
