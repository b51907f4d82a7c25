/**
 * What the five documented dialects send (API.md §1, §2), as the checks read it at run time.
 * The wire types of embedded-server/src/contract/wire.ts are the one declaration: each table
 * here is typed by {@link Fields} of one of them, so the compiler fails when a key is missing,
 * added or of another JSON type than the contract says. The order of a table's keys is the
 * documented order where the seeds fix one.
 */
import type {
  ChatMessageWire,
  ChatWindowWire,
  ImMessageWire,
  NotificationWire,
  OfflineMessageWire,
  UserCard,
} from '../../embedded-server/src/contract/wire.js';

/** A JSON type as the checks tell them apart: `"0"` is a string, `0` a number. */
export type Kind = 'string' | 'number' | 'boolean' | 'string|null' | 'number|null' | 'object' | 'object|null' | 'array';

/** The kind a TypeScript field type travels as. */
type KindOf<T> = [T] extends [string]
  ? 'string'
  : [T] extends [number]
    ? 'number'
    : [T] extends [boolean]
      ? 'boolean'
      : [T] extends [string | null]
        ? 'string|null'
        : [T] extends [number | null]
          ? 'number|null'
          : [T] extends [readonly unknown[]]
            ? 'array'
            : null extends T
              ? 'object|null'
              : 'object';

/** Every key of a wire type with the kind it travels as: nothing more, nothing less. */
export type Fields<T> = { [K in keyof T]-?: KindOf<T[K]> };

/** The kind of a JSON value. */
export function kindOf(value: unknown): 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

/** Whether a value is of a documented kind. */
export const fits = (value: unknown, kind: Kind) => kind.split('|').includes(kindOf(value));

/** Seed 001's notification: exactly these keys, in this order; `status` a string. */
export const NOTIFICATION: Fields<NotificationWire> = {
  id: 'number',
  title: 'string',
  content: 'string',
  status: 'string',
  type: 'number',
  subtype: 'number',
  params: 'string|null',
  created_at: 'string|null',
  updated_at: 'string|null',
  user_id: 'number',
};

/** Seed 000's offline message: exactly these keys, in this order. */
export const OFFLINE_MESSAGE: Fields<OfflineMessageWire> = {
  id: 'string',
  msg: 'string',
  time: 'number',
  type: 'number',
  dealt: 'boolean',
  extraInfo: 'object',
};

/** Seed 003's window: the documented keys (the server may add more, API.md §1). */
export const CHAT_WINDOW: Fields<
  Pick<ChatWindowWire, 'id' | 'afterMessage' | 'fromId' | 'toId' | 'created_at' | 'messages' | 'user'>
> = {
  id: 'number',
  afterMessage: 'string|null',
  fromId: 'number',
  toId: 'number|null',
  created_at: 'string',
  messages: 'array',
  user: 'object|null',
};

/** Seed 003's message: the documented keys. */
export const CHAT_MESSAGE: Fields<
  Pick<ChatMessageWire, 'id' | 'message' | 'status' | 'fromId' | 'toId' | 'belong' | 'cId' | 'created_at'>
> = {
  id: 'number',
  message: 'string',
  status: 'boolean',
  fromId: 'number',
  toId: 'number|null',
  belong: 'number',
  cId: 'number',
  created_at: 'string',
};

/** The other participant of a one-to-one window. */
export const USER_CARD: Fields<UserCard> = { id: 'number', userName: 'string', nickname: 'string', image: 'string' };

/** Seed 004's message: every key of its example, in its order. */
export const IM_MESSAGE: Fields<ImMessageWire> = {
  _id: 'string',
  fromarea: 'string',
  content: 'string',
  t_avatar: 'string',
  t_nickname: 'string',
  to: 'string',
  f_avatar: 'string',
  f_nickname: 'string',
  from: 'string',
  appid: 'string',
  __v: 'number',
  readtime: 'number',
  sendtime: 'number',
  update_at: 'string',
  create_at: 'string',
  imageSize: 'number',
  voiceLength: 'number',
  channel: 'string',
  torole: 'string',
  fromrole: 'string',
  type: 'string',
  status: 'number',
};

/** Each dialect's success envelope: its keys in order, and the values the seeds fix. */
export const ENVELOPES = {
  offline: { keys: ['messages'], fixed: {} },
  inbox: { keys: ['errcode', 'errmsg', 'errdata'], fixed: { errcode: 0, errmsg: 'ok' } },
  agora: {
    keys: ['action', 'uri', 'path', 'entities', 'data', 'timestamp', 'duration', 'count'],
    fixed: { action: 'get', count: 0 },
  },
  // The seed's `sucess` typo is part of the contract.
  chat: { keys: ['code', 'msg', 'data'], fixed: { code: 0, msg: 'sucess' } },
  im: { keys: ['success', 'data'], fixed: { success: true } },
} as const satisfies Record<string, { keys: readonly string[]; fixed: Record<string, unknown> }>;

export type Dialect = keyof typeof ENVELOPES;

/** Each dialect's error body (API.md §1, "Errors"): the keys and their kinds. */
export const ERROR_FORMATS: Record<Dialect, Record<string, Kind>> = {
  offline: { code: 'number', msg: 'string' },
  chat: { code: 'number', msg: 'string' },
  inbox: { errcode: 'number', errmsg: 'string' },
  agora: {
    error: 'string',
    exception: 'string',
    timestamp: 'number',
    duration: 'number',
    error_description: 'string',
  },
  im: { success: 'boolean', msg: 'string' },
};
