// Every call to the server goes through api(): it sends Accept-Language and
// the CSRF token, turns error bodies into ApiError, and on a 401 opens the
// re-login dialog and repeats the call once the user has logged in again,
// so nothing typed on the current screen is lost.
import { getLang } from '../i18n';
import { getState, setState, type Session } from './store';

export interface FieldError {
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public fields: Record<string, FieldError> = {},
  ) {
    super(message);
  }
}

export interface ApiResult<T> {
  data: T;
  status: number;
  etag: string | null;
}

export interface ApiOptions {
  method?: string;
  body?: unknown;
  /** A body sent as it is (a file upload); the caller sets Content-Type. */
  raw?: Blob;
  headers?: Record<string, string>;
  /** A 401 is returned to the caller instead of opening the re-login dialog. */
  noReauth?: boolean;
  signal?: AbortSignal;
}

let reauthWaiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

/** Opens the re-login dialog; resolves once the user has logged in again. */
function waitForReauth(): Promise<void> {
  return new Promise((resolve, reject) => {
    reauthWaiters.push({ resolve, reject });
    if (!getState().reauth) setState({ reauth: true });
  });
}

/** Called by the re-login dialog with the new session. */
export function reauthDone(session: Session): void {
  setState({ session, reauth: false });
  const w = reauthWaiters;
  reauthWaiters = [];
  w.forEach((x) => x.resolve());
}

/** Called when the user closes the re-login dialog without logging in. */
export function reauthCancelled(err: ApiError): void {
  setState({ reauth: false });
  const w = reauthWaiters;
  reauthWaiters = [];
  w.forEach((x) => x.reject(err));
}

export async function api<T = unknown>(path: string, opts: ApiOptions = {}): Promise<ApiResult<T>> {
  const method = opts.method || 'GET';
  for (;;) {
    const headers: Record<string, string> = { 'Accept-Language': getLang(), Accept: 'application/json', ...opts.headers };
    const csrf = getState().session?.csrf_token;
    if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
    let body: string | Blob | undefined = opts.raw;
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (res.status === 401 && !opts.noReauth && getState().session) {
      await waitForReauth();
      continue;
    }
    if (!res.ok) {
      const e = json?.error || {};
      throw new ApiError(res.status, e.code || 'http_' + res.status, e.message || res.statusText, e.fields || {});
    }
    return { data: json as T, status: res.status, etag: res.headers.get('ETag') };
  }
}

/** Whether an error is an aborted fetch (a newer request replaced it). */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}
