/**
 * The console's one way to the API: same origin, JSON, the bearer token from memory (never from
 * or into storage or cookies: `credentials: 'omit'`), no caching. Every answer that is not 2xx
 * becomes a Problem (the API's problem+json, or one made here for a network failure), so a
 * screen has one shape to explain.
 */
export interface Problem {
  status: number;
  code: string;
  detail?: string;
  rule?: string;
  allowedRoles?: string[];
  errors?: Array<{ path: string; message: string }>;
}

export type Answer<T> = { ok: true; status: number; body: T; headers: Headers } | { ok: false; status: number; problem: Problem };

export class Api {
  private token: string | null = null;

  constructor(private readonly onUnauthenticated: () => void = () => undefined) {}

  useToken(token: string | null): void {
    this.token = token;
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  async call<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...extraHeaders };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit', redirect: 'error' });
    } catch {
      return { ok: false, status: 0, problem: { status: 0, code: 'NETWORK' } };
    }
    const parsed = await readJson(response);
    if (response.ok) return { ok: true, status: response.status, body: parsed as T, headers: response.headers };
    const problem = toProblem(response.status, parsed);
    if (problem.code === 'UNAUTHENTICATED' && this.token) this.onUnauthenticated();
    return { ok: false, status: response.status, problem };
  }

  get<T>(path: string): Promise<Answer<T>> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    return this.call<T>('POST', path, body, headers);
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toProblem(status: number, body: unknown): Problem {
  const b = (body && typeof body === 'object' ? body : {}) as Partial<Problem>;
  return {
    status,
    code: typeof b.code === 'string' ? b.code : status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN',
    ...(typeof b.detail === 'string' ? { detail: b.detail } : {}),
    ...(typeof b.rule === 'string' ? { rule: b.rule } : {}),
    ...(Array.isArray(b.allowedRoles) ? { allowedRoles: b.allowedRoles } : {}),
    ...(Array.isArray(b.errors) ? { errors: b.errors } : {}),
  };
}
