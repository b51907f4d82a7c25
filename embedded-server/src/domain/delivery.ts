import { addressee } from './chat.js';
import { notFound } from './errors.js';
import { OBJECT_ID, OFFLINE_ID } from './ids.js';
import type { DomainContext } from './context.js';
import type { User } from './types.js';

export type DeliveryStatus = 'delivered' | 'undelivered';

/** How many offline messages wait for the user with this log-in name (agora `offline_msg_count`). */
export async function undeliveredCount(ctx: DomainContext, username: string): Promise<number> {
  const count = await ctx.store.offline.undeliveredCount(username);
  if (count === undefined) throw notFound(`no user ${username}`);
  return count;
}

/**
 * Whether a message reached `user`. `msgId` may be a chat message's integer id, its
 * 24-hex `_id`, or an offline message id. A chat message counts only if it was
 * addressed to the user (one-to-one) or sent by someone else to a group they were in.
 */
export async function deliveryStatus(ctx: DomainContext, user: User, msgId: string): Promise<DeliveryStatus> {
  const { store } = ctx;
  if (OFFLINE_ID.test(msgId) && !OBJECT_ID.test(msgId)) {
    const offline = await store.offline.byId(msgId);
    if (!offline || offline.userId !== user.id) throw notFound(`no message ${msgId} for ${user.username}`);
    return offline.deliveredAt === null ? 'undelivered' : 'delivered';
  }
  const message = OBJECT_ID.test(msgId)
    ? await store.messages.byObjectId(msgId)
    : /^[1-9][0-9]{0,15}$/.test(msgId)
      ? await store.messages.byId(Number(msgId))
      : undefined;
  const to = message && (await addressee(ctx, message, user.id));
  if (!message || !to) throw notFound(`no message ${msgId} for ${user.username}`);
  const delivered = to.kind === 'direct' ? message.deliveredAt !== null : to.member.deliveredUpTo >= message.id;
  return delivered ? 'delivered' : 'undelivered';
}
