import type { NewMessage } from '../src/db/repositories/messages.js';
import { plainMessage } from '../src/domain/chat.js';

/** What a test names of a new message: at least where it goes and from whom. */
export type MessageFields = Partial<NewMessage> & Pick<NewMessage, 'objectId' | 'windowId' | 'fromId'>;

/** A new text message with the fields a test names, sent at 1,000 unless it says when. */
export const message = (fields: MessageFields): NewMessage => plainMessage({ createdAt: 1_000, ...fields });
