/** The media types recognised from their bytes: images for IMAGE messages, audio for VOICE messages. */
export const MEDIA_MIMES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'audio/webm',
  'audio/ogg',
  'audio/mpeg',
  'audio/mp4',
] as const;
export type MediaMime = (typeof MEDIA_MIMES)[number];

/** Any other file (FILE messages): served only as a download, never shown. */
export const FILE_MIME = 'application/octet-stream';
export type AttachmentMime = MediaMime | typeof FILE_MIME;

/** An image or a voice clip may be this large… */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;
/** …and any other file this large (API.md §3b). */
export const FILE_MAX_BYTES = 50 * 1024 * 1024;
/** The leading bytes that decide a file's type. */
export const SNIFF_BYTES = 16;

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
  [FILE_MIME]: 'bin',
};

/** Names browsers and recorders also give these types (a `File` picked from disk, say). */
const ALIASES: Record<string, MediaMime> = {
  'image/jpg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-m4a': 'audio/mp4',
};

/** Declaring this (or nothing) leaves the type to the bytes. */
const UNDECLARED = FILE_MIME;

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
function sniffMime(bytes: Uint8Array): MediaMime | null {
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

const isMediaMime = (mime: string): mime is MediaMime => (MEDIA_MIMES as readonly string[]).includes(mime);

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
 * The type of an uploaded file, from its first bytes. The bytes decide: an image or audio
 * type is taken only from them, and a declared type that contradicts them is refused (a
 * page posing as an image must never be served as one). Anything else is a plain file,
 * served only as a download.
 */
export function judgeFileType(head: Uint8Array, contentType: string | undefined): FileTypeVerdict {
  const claimed = claimedType(contentType);
  const sniffed = sniffMime(head);
  if (sniffed) {
    if (claimed !== null && claimed !== sniffed)
      return { refused: `the file is declared ${claimed} but its bytes are ${sniffed}` };
    return { mime: sniffed };
  }
  if (claimed !== null && isMediaMime(claimed))
    return { refused: `the file is declared ${claimed} but its bytes are not` };
  return { mime: FILE_MIME };
}

/** The most an upload of this type may weigh. */
export const maxBytesOf = (mime: AttachmentMime) => (mime === FILE_MIME ? FILE_MAX_BYTES : MEDIA_MAX_BYTES);
