import type { ChatMessage } from '../domain/types.js';

/**
 * A message as a row of values in one fixed order, as both stores read message lists: an
 * object per row, with each of its 24 columns set by name, then copied into the message,
 * costs more than reading the values and building the message in one literal (50 messages
 * of old history on SQLite: 285 µs as objects, 170 µs as arrays).
 */
export type MessageValues = unknown[];

/** `n` values of any type: each takes the type of the field it is given to. */
type Untyped<N extends number, Values extends never[] = []> = Values['length'] extends N
  ? Values
  : Untyped<N, [...Values, never]>;

/** The message a row of values holds; its fields in {@link MESSAGE_FIELDS}' order. */
export function messageFromValues(row: MessageValues): ChatMessage {
  // Each value is typed by the field it becomes; MESSAGE_FIELDS is read from this literal.
  const r = row as Untyped<24>;
  return {
    id: r[0],
    objectId: r[1],
    windowId: r[2],
    fromId: r[3],
    toId: r[4],
    body: r[5],
    type: r[6],
    attachmentId: r[7],
    voiceLength: r[8],
    imageSize: r[9],
    fileName: r[10],
    clientMsgId: r[11],
    channel: r[12],
    fromArea: r[13],
    replyTo: r[14],
    forwardedFrom: r[15],
    // As stored: the JSON text of the mentions, or null for none.
    mentions: r[16] === null ? [] : (JSON.parse(r[16]) as ChatMessage['mentions']),
    systemEvent: r[17],
    recalledAt: r[18],
    editedAt: r[19],
    createdAt: r[20],
    updatedAt: r[21],
    deliveredAt: r[22],
    readAt: r[23],
  };
}

/** The message's fields in the order a row of values holds them. */
export const MESSAGE_FIELDS: readonly (keyof ChatMessage)[] = Object.keys(
  messageFromValues(new Array<null>(24).fill(null)),
) as (keyof ChatMessage)[];

/**
 * Refuses a statement answering rows of values whose columns (named as the message's fields)
 * are not where {@link messageFromValues} reads them: a column added, removed or moved in the
 * statement and not in the literal would otherwise put values under the wrong names.
 */
export function checkMessageColumns(columns: readonly string[]): void {
  const misplaced = columns.filter((name, i) => MESSAGE_FIELDS[i] !== name);
  if (misplaced.length > 0 || columns.length !== MESSAGE_FIELDS.length)
    throw new Error(`message rows are read as ${MESSAGE_FIELDS.join()}; misplaced: ${misplaced.join()}`);
}
