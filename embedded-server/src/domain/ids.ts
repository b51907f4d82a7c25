import { randomBytes, randomFillSync } from 'node:crypto';

/**
 * Random bytes drawn from the system a few kilobytes at a time and handed out in small
 * pieces (as Node's own randomUUID does): a draw for each id cost more than making the id,
 * and a send makes one for its offline message.
 */
const drawn = Buffer.alloc(4096);
let handedOut = drawn.length;
function freshBytes(n: number): Buffer {
  if (handedOut + n > drawn.length) {
    randomFillSync(drawn);
    handedOut = 0;
  }
  handedOut += n;
  return drawn.subarray(handedOut - n, handedOut);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A short public id for an offline message, like seed 000's `werersf3r324`. It starts
 * with a letter so it can never be mistaken for a chat message's integer id.
 */
export function newOfflineMessageId(): string {
  const bytes = freshBytes(12);
  let id = LETTERS[bytes[0]! % LETTERS.length]!;
  for (let i = 1; i < 12; i++) id += ALPHANUMERIC[bytes[i]! % ALPHANUMERIC.length];
  return id;
}

/** A 32-hex id for projects and tasks, like the seed's `e2a7af07009a48fce8b0c2646f5089d3`. */
export function newHexId(): string {
  return freshBytes(16).toString('hex');
}

let objectIdCounter = randomBytes(3).readUIntBE(0, 3);
const objectIdProcessPart = randomBytes(5).toString('hex');

/**
 * A 24-hex id shaped like a MongoDB ObjectId (seconds, a per-process random part and
 * a counter), so the im dialect's `_id` sorts by creation time as its clients expect.
 */
export function newObjectId(nowMs: number): string {
  objectIdCounter = (objectIdCounter + 1) % 0x1000000;
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + objectIdProcessPart + objectIdCounter.toString(16).padStart(6, '0');
}

export const OBJECT_ID = /^[0-9a-f]{24}$/;
export const HEX_ID = /^[0-9a-f]{32}$/;
export const OFFLINE_ID = /^[a-z][a-z0-9]{11}$/;
