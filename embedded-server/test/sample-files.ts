/** Tiny files of every allowed attachment type: just enough bytes for the server to tell the type. */

export const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
/** A magic number followed by some filler: enough for the server to tell the type. */
export const file = (magic: number[], filler = 24) =>
  Buffer.concat([Buffer.from(magic), Buffer.from(Array.from({ length: filler }, (_, i) => i))]);

export const SAMPLES: Record<string, Buffer> = {
  'image/png': file([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...ascii('IHDR')]),
  'image/jpeg': file([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...ascii('JFIF')]),
  'image/gif': file(ascii('GIF89a')),
  'image/webp': file([...ascii('RIFF'), 40, 0, 0, 0, ...ascii('WEBPVP8 ')]),
  'audio/webm': file([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]),
  'audio/ogg': file([...ascii('OggS'), 0, 2]),
  'audio/mpeg': file([...ascii('ID3'), 4, 0]),
  'audio/mp4': file([0, 0, 0, 32, ...ascii('ftypM4A ')]),
};
