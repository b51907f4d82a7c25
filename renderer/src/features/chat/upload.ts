import type { AttachmentWire } from '../../../../embedded-server/src/contract/wire.js';
import { upload } from '../../api/http.js';

/** What the server takes as an image message (API.md §3 attachments). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Uploads a file as the raw body of `POST /api/attachments`, reporting progress as a fraction. */
export function uploadAttachment(file: Blob, onProgress: (fraction: number) => void): Promise<AttachmentWire> {
  return upload<AttachmentWire>('/api/attachments', file, onProgress);
}
