/**
 * The one place the renderer talks HTTP. Each dialect wraps its data differently and
 * reports errors in its own format; `call` unwraps both so the typed clients only see
 * data or an `ApiError`.
 */
export type Dialect = 'inbox' | 'chat' | 'offline' | 'ext';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let currentToken: string | null = null;
let onUnauthorized: () => void = () => undefined;

/** The session's token goes on every request; a 401 ends the session. */
export function useTokenForRequests(token: string | null, unauthorized: () => void) {
  currentToken = token;
  onUnauthorized = unauthorized;
}

export interface CallOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** For sign-in and registration: no token, and a 401 is an answer, not an expired session. */
  anonymous?: boolean;
}

function unwrap(dialect: Dialect, json: Record<string, unknown>): unknown {
  switch (dialect) {
    case 'inbox':
      return (json.errdata as { data: unknown }).data;
    case 'offline':
      return json.messages;
    default:
      return json.data;
  }
}

function errorMessage(json: Record<string, unknown> | null, status: number): string {
  const text = json?.msg ?? json?.errmsg ?? json?.error_description;
  return typeof text === 'string' ? text : `HTTP ${status}`;
}

export async function call<T>(dialect: Dialect, method: string, path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (!options.anonymous && currentToken) headers.authorization = `Bearer ${currentToken}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network unreachable');
  }
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) {
    if (response.status === 401 && !options.anonymous) onUnauthorized();
    throw new ApiError(response.status, errorMessage(json, response.status));
  }
  return unwrap(dialect, json ?? {}) as T;
}
