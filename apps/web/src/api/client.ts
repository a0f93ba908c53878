import type { AuthTokens, ErrorBody, FieldProblem } from '@ztt/contracts';
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

const REFRESH_KEY = 'ztt.refresh';
let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
let onSignedOut: () => void = () => undefined;

export function setTokens(tokens: AuthTokens | null): void {
  accessToken = tokens?.accessToken ?? null;
  if (tokens) localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  else localStorage.removeItem(REFRESH_KEY);
}

export function hasSession(): boolean {
  return !!accessToken || !!localStorage.getItem(REFRESH_KEY);
}

export function whenSignedOut(fn: () => void): void {
  onSignedOut = fn;
}

/** Rotates the refresh token; concurrent callers share one attempt. */
function refresh(): Promise<boolean> {
  const token = localStorage.getItem(REFRESH_KEY);
  if (!token) return Promise.resolve(false);
  refreshing ??= fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': currentLocale() },
    body: JSON.stringify({ refreshToken: token }),
  })
    .then(async (r) => {
      if (!r.ok) {
        setTokens(null);
        return false;
      }
      setTokens((await r.json()) as AuthTokens);
      return true;
    })
    .catch(() => false)
    .finally(() => (refreshing = null));
  return refreshing;
}

export async function api<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  if (!accessToken && !retried && localStorage.getItem(REFRESH_KEY)) await refresh();
  const headers: Record<string, string> = { 'Accept-Language': currentLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', currentLocale() === 'en' ? 'Cannot reach the server' : '无法连接服务器，请检查网络后重试');
  }
  if (res.status === 401 && accessToken && !retried) {
    accessToken = null;
    if (await refresh()) return api<T>(method, path, body, true);
    onSignedOut();
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = (data as ErrorBody | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'UNKNOWN', err?.message ?? res.statusText, err?.details ?? []);
  }
  return data as T;
}
