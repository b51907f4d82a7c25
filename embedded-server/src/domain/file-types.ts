/** The file types an attachment may have: images for IMAGE messages, audio for VOICE messages. */
export const ATTACHMENT_MIMES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'audio/webm',
  'audio/ogg',
  'audio/mpeg',
  'audio/mp4',
] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];

/** The file name extension each type is served with. */
export const EXTENSION_OF: Record<AttachmentMime, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
};

/** Names browsers and recorders also give these types (a `File` picked from disk, say). */
const ALIASES: Record<string, AttachmentMime> = {
  'image/jpg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-m4a': 'audio/mp4',
};

/** Declaring this (or nothing) leaves the type to the bytes. */
const UNDECLARED = 'application/octet-stream';

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * An MPEG audio frame header without ID3 tags: 11 sync bits, then a layer that is not
 * the reserved 00 (ADTS AAC streams use 00 and are not audio/mpeg).
 */
const isMpegFrame = (bytes: Uint8Array) =>
  bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && (bytes[1]! & 0x06) !== 0;

/** The type the file's leading bytes (its magic number) show, or null for anything else. */
function sniffMime(bytes: Uint8Array): AttachmentMime | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'audio/webm';
  if (startsWith(bytes, ascii('OggS'))) return 'audio/ogg';
  if (startsWith(bytes, ascii('ID3')) || isMpegFrame(bytes)) return 'audio/mpeg';
  if (startsWith(bytes, ascii('ftyp'), 4)) return 'audio/mp4';
  return null;
}

const isAttachmentMime = (mime: string): mime is AttachmentMime =>
  (ATTACHMENT_MIMES as readonly string[]).includes(mime);

/**
 * The media type a `Content-Type` header claims, lower case and without parameters
 * (`audio/webm;codecs=opus`); null when it claims nothing in particular.
 */
function claimedType(contentType: string | undefined): string | null {
  const mediaType = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (mediaType === '' || mediaType === UNDECLARED) return null;
  return ALIASES[mediaType] ?? mediaType;
}

export type FileTypeVerdict = { mime: AttachmentMime } | { refused: string };

/**
 * The type of an uploaded file. The bytes decide: a declared type is only a claim,
 * and one that contradicts the bytes is refused (a page posing as an image must never
 * be served as one).
 */
export function judgeFileType(bytes: Uint8Array, contentType: string | undefined): FileTypeVerdict {
  const claimed = claimedType(contentType);
  if (claimed !== null && !isAttachmentMime(claimed))
    return { refused: `${claimed} is not an allowed attachment type (allowed: ${ATTACHMENT_MIMES.join(', ')})` };
  const sniffed = sniffMime(bytes);
  if (!sniffed) return { refused: 'the file is not one of the allowed image or audio types' };
  if (claimed !== null && claimed !== sniffed)
    return { refused: `the file is declared ${claimed} but its bytes are ${sniffed}` };
  return { mime: sniffed };
}
