import type { AccessToken, ErrorBody, FieldProblem } from '@ztt/contracts';
import { currentLocale } from '../i18n/i18n';

/** A failed API call, with the server's message already in the user's language. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/**
 * The refresh token is the HttpOnly cookie ztt_refresh (Path=/api/auth), which no script here can
 * read; the access token lives in memory only. What localStorage keeps is a hint that is no secret:
 * '1' while this browser has a session, so that a page load tries one refresh to restore it, and a
 * visitor who never signed in costs no refresh call (a 401) on every page and sees no loading state.
 * A hint without a cookie costs one refused refresh, which drops the hint.
 */
const SESSION_HINT_KEY = 'ztt.session';
/** Where versions before the cookie kept the refresh token itself: removed, so it lingers nowhere. */
const OLD_REFRESH_KEY = 'ztt.refresh';
localStorage.removeItem(OLD_REFRESH_KEY);

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
let onSignedOut: () => void = () => undefined;

/** Adopts a new access token (the server has set the refresh cookie with it), or forgets the session. */
export function setTokens(tokens: AccessToken | null): void {
  accessToken = tokens?.accessToken ?? null;
  if (tokens) localStorage.setItem(SESSION_HINT_KEY, '1');
  else localStorage.removeItem(SESSION_HINT_KEY);
}

export function hasSession(): boolean {
  return !!accessToken || localStorage.getItem(SESSION_HINT_KEY) === '1';
}

export function whenSignedOut(fn: () => void): void {
  onSignedOut = fn;
}

/** Rotates the refresh cookie for a new access token; concurrent callers share one attempt. */
function refresh(): Promise<boolean> {
  if (!hasSession()) return Promise.resolve(false);
  refreshing ??= fetch('/api/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Accept-Language': currentLocale() },
  })
    .then(async (r) => {
      if (!r.ok) {
        setTokens(null);
        return false;
      }
      setTokens((await r.json()) as AccessToken);
      return true;
    })
    .catch(() => false)
    .finally(() => (refreshing = null));
  return refreshing;
}

/** Sends one request with the session's token, refreshing it once on 401. */
async function send(method: string, path: string, body: BodyInit | undefined, contentType: string | undefined, retried = false): Promise<Response> {
  if (!accessToken && !retried && hasSession()) await refresh();
  const headers: Record<string, string> = { 'Accept-Language': currentLocale() };
  if (contentType) headers['Content-Type'] = contentType;
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body });
  } catch {
    throw new ApiError(0, 'NETWORK', currentLocale() === 'en' ? 'Cannot reach the server' : '无法连接服务器，请检查网络后重试');
  }
  if (res.status === 401 && accessToken && !retried) {
    accessToken = null;
    if (await refresh()) return send(method, path, body, contentType, true);
    onSignedOut();
  }
  return res;
}

async function failure(res: Response): Promise<ApiError> {
  const data = (await res.json().catch(() => null)) as ErrorBody | null;
  const err = data?.error;
  return new ApiError(res.status, err?.code ?? 'UNKNOWN', err?.message ?? res.statusText, err?.details ?? []);
}

async function parse<T>(res: Response): Promise<T> {
  if (!res.ok) throw await failure(res);
  if (res.status === 204) return undefined as T;
  return (await res.json().catch(() => null)) as T;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const json = body === undefined ? undefined : JSON.stringify(body);
  return parse<T>(await send(method, path, json, json === undefined ? undefined : 'application/json'));
}

/** Uploads one file as multipart/form-data (field `file`, unless told otherwise). */
export async function apiUpload<T>(path: string, file: Blob & { name?: string }, field = 'file'): Promise<T> {
  const form = new FormData();
  form.append(field, file, file.name);
  // The browser sets the multipart Content-Type with its boundary.
  return parse<T>(await send('POST', path, form, undefined));
}

function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(cd);
  return plain ? plain[1].trim() : fallback;
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a protected file (the token travels in the header, so a plain link will not do). */
export async function apiDownload(path: string, fallbackName: string): Promise<void> {
  const res = await send('GET', path, undefined, undefined);
  if (!res.ok) throw await failure(res);
  saveBlob(await res.blob(), fileNameOf(res, fallbackName));
}
