/**
 * The one place the renderer talks HTTP, and the one that holds the session's token and
 * ends the session on a 401. Each dialect wraps its data differently and reports errors
 * in its own format; `call` and `upload` unwrap both so the typed clients only see data
 * or an `ApiError`.
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

type Reply = Record<string, unknown> | null;

function errorMessage(json: Reply, status: number): string {
  const text = json?.msg ?? json?.errmsg ?? json?.error_description;
  return typeof text === 'string' ? text : `HTTP ${status}`;
}

function authorization(anonymous = false): Record<string, string> {
  return !anonymous && currentToken ? { authorization: `Bearer ${currentToken}` } : {};
}

/** The error for a refused request; a 401 on a signed-in request means the session is over. */
function refusal(status: number, json: Reply, anonymous = false): ApiError {
  if (status === 401 && !anonymous) onUnauthorized();
  return new ApiError(status, errorMessage(json, status));
}

const unreachable = () => new ApiError(0, 'network unreachable');

export async function call<T>(dialect: Dialect, method: string, path: string, options: CallOptions = {}): Promise<T> {
  const headers = authorization(options.anonymous);
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
    throw unreachable();
  }
  const json = (await response.json().catch(() => null)) as Reply;
  if (!response.ok) throw refusal(response.status, json, options.anonymous);
  return unwrap(dialect, json ?? {}) as T;
}

function parseReply(text: string): Reply {
  try {
    return JSON.parse(text) as Reply;
  } catch {
    return null;
  }
}

export interface UploadOptions {
  onProgress: (fraction: number) => void;
  /** Aborting it stops the transfer; the promise then rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** The type to declare; the file's own type (or none) otherwise. */
  contentType?: string;
}

/**
 * Posts a file as the raw body to an extension endpoint, reporting how much has gone.
 * XMLHttpRequest rather than fetch: only it reports upload progress, which a large file needs.
 */
export function upload<T>(path: string, file: Blob, { onProgress, signal, contentType }: UploadOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    const aborted = () => new DOMException('the upload was cancelled', 'AbortError');
    if (signal?.aborted) return reject(aborted());
    const request = new XMLHttpRequest();
    request.open('POST', path);
    for (const [name, value] of Object.entries(authorization())) request.setRequestHeader(name, value);
    request.setRequestHeader('content-type', contentType ?? (file.type || 'application/octet-stream'));
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    const onAbort = () => request.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    request.onloadend = () => signal?.removeEventListener('abort', onAbort);
    request.onload = () => {
      const json = parseReply(request.responseText);
      if (request.status >= 200 && request.status < 300 && json) resolve(unwrap('ext', json) as T);
      else reject(refusal(request.status, json));
    };
    request.onerror = () => reject(unreachable());
    request.onabort = () => reject(aborted());
    request.send(file);
  });
}
