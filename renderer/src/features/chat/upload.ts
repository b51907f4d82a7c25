import type { AttachmentWire } from '../../../../embedded-server/src/contract/wire.js';
import { upload } from '../../api/http.js';

/** What the server takes as an image message (API.md §3 attachments). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
/** An image or a sound the server recognises may be this large… */
export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;
/** …and any other file this large. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** What the server says the bytes are: this marks a plain file, leaving its type to the bytes. */
const PLAIN_FILE = 'application/octet-stream';

/** A picked image the server shows goes as an IMAGE; anything else as a FILE, by name. */
export const attachmentKind = (file: Blob): 'IMAGE' | 'FILE' => (IMAGE_TYPES.includes(file.type) ? 'IMAGE' : 'FILE');

/**
 * The most the server takes of this file. It decides by the bytes, not the name: an image
 * or a sound is held to the media limit even when sent as a file, so its declared type decides here.
 */
export function sizeLimit(file: Blob): number {
  return file.type.startsWith('image/') || file.type.startsWith('audio/') ? MAX_MEDIA_BYTES : MAX_FILE_BYTES;
}

export interface AttachmentUpload {
  /** A FILE's name, kept with the upload (`?name=`). */
  name?: string;
  onProgress: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads a file as the raw body of `POST /api/attachments`, reporting progress as a fraction.
 * A named file is declared a plain file: a type the server does not know (an SVG, a PDF)
 * would otherwise contradict its bytes and be refused.
 */
export function uploadAttachment(file: Blob, { name, onProgress, signal }: AttachmentUpload): Promise<AttachmentWire> {
  const path = name === undefined ? '/api/attachments' : `/api/attachments?${new URLSearchParams({ name })}`;
  return upload<AttachmentWire>(path, file, {
    onProgress,
    signal,
    ...(name === undefined ? {} : { contentType: PLAIN_FILE }),
  });
}
