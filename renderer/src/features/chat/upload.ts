import { ApiError } from '../../api/http.js';
import { useSession } from '../../state/session.js';

export interface UploadedAttachment {
  id: string;
  url: string;
  size: number;
  mime: string;
}

/** What the server takes as an image message (API.md §3 attachments). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function parseReply(text: string): { data?: UploadedAttachment; msg?: string } | null {
  try {
    return JSON.parse(text) as { data?: UploadedAttachment; msg?: string };
  } catch {
    return null;
  }
}

/**
 * Uploads a file as the raw body of `POST /api/attachments`. XMLHttpRequest rather than
 * fetch: only it reports upload progress, which a large image needs.
 */
export function uploadAttachment(file: Blob, onProgress: (fraction: number) => void): Promise<UploadedAttachment> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/attachments');
    const token = useSession.getState().token;
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.setRequestHeader('content-type', file.type || 'application/octet-stream');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const json = parseReply(request.responseText);
      if (request.status >= 200 && request.status < 300 && json?.data) return resolve(json.data);
      if (request.status === 401) useSession.getState().signOut();
      reject(new ApiError(request.status, json?.msg ?? `HTTP ${request.status}`));
    };
    request.onerror = () => reject(new ApiError(0, 'network unreachable'));
    request.send(file);
  });
}
