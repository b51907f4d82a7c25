import type { NewMessage } from '../src/db/repositories/messages.js';

/** What a test names of a new message: at least where it goes and from whom. */
export type MessageFields = Partial<NewMessage> & Pick<NewMessage, 'objectId' | 'windowId' | 'fromId'>;

/** A new text message with the fields a test names, the rest as a plain send from the PC leaves them. */
export const message = (fields: MessageFields): NewMessage => ({
  toId: null,
  body: '',
  type: 'TEXT',
  attachmentId: null,
  voiceLength: null,
  imageSize: null,
  fileName: null,
  clientMsgId: null,
  channel: 'PC',
  fromArea: '',
  replyTo: null,
  forwardedFrom: null,
  mentions: [],
  systemEvent: null,
  createdAt: 1_000,
  ...fields,
});
