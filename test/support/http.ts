/** The one HTTP caller of the suites: JSON in and out, a token minted for a role unless one is given (null: none). */
import { mintToken, Role } from './tokens';

export interface Answer<T = any> {
  status: number;
  body: T;
  contentType: string | null;
  headers: Headers;
}

export interface CallOptions {
  role?: Role;
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export type Call = <T = any>(method: string, path: string, options?: CallOptions) => Promise<Answer<T>>;

export function callerFor(baseUrl: string): Call {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const bearer = options.token === undefined ? await mintToken(options.role ?? 'physician') : options.token;
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    const body = options.body !== undefined ? JSON.stringify(options.body) : options.rawBody;
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: response.status, body: parsed as any, contentType: response.headers.get('content-type'), headers: response.headers };
  };
}
