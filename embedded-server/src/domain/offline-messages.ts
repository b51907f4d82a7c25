import { newOfflineMessageId } from './ids.js';
import { invalid, notFound } from './errors.js';
import type { DomainContext } from './context.js';
import { emit } from './events.js';
import { isInvitationType, OfflineType } from '../contract/enums.js';
import { messagePreview } from '../contract/summary.js';
import type { ChatMessage, OfflineExtraInfo, OfflineMessage, Project, Task, User } from './types.js';

/** Seed 000's `extraInfo` for messages sent by someone inviting or publishing. */
function fromInvitor(invitor: User): OfflineExtraInfo {
  return { invitor: String(invitor.id), invitorAvatar: invitor.avatar, invitorName: invitor.nickname };
}

function aboutMember(member: User, project: Project): OfflineExtraInfo {
  return { userId: String(member.id), userName: member.nickname, projectId: project.id, projectName: project.name };
}

/** Seed 000's `extraInfo` of a chat message that waited offline; ids as decimal strings. */
function aboutChatMessage(sender: User, message: ChatMessage): OfflineExtraInfo {
  return {
    fromId: String(sender.id),
    fromName: sender.nickname,
    cId: String(message.windowId),
    messageId: String(message.id),
  };
}

/** The preview of a chat message in an offline message's sentence. */
const previewOf = (message: ChatMessage) =>
  messagePreview({ type: message.type, text: message.body, fileName: message.fileName });

/** The Chinese sentence (`msg`) and `extraInfo` of each offline message type, as seed 000 shows them. */
export const offlineContent = {
  privateMessage: (sender: User, message: ChatMessage) => ({
    type: OfflineType.privateMessage,
    text: `${sender.nickname}给你发来一条私信: ${previewOf(message)}`,
    extraInfo: aboutChatMessage(sender, message),
  }),
  groupMessage: (sender: User, project: Project, message: ChatMessage) => ({
    type: OfflineType.groupMessage,
    text: `${sender.nickname}在群聊「${project.name}」中发言: ${previewOf(message)}`,
    extraInfo: aboutChatMessage(sender, message),
  }),
  memberJoined: (member: User, project: Project) => ({
    type: OfflineType.memberJoined,
    text: `${member.nickname}加入了项目: ${project.name}`,
    extraInfo: aboutMember(member, project),
  }),
  memberLeft: (member: User, project: Project, removed: boolean) => ({
    type: OfflineType.memberLeft,
    text: removed ? `${member.nickname}被移出了项目: ${project.name}` : `${member.nickname}离开了项目: ${project.name}`,
    extraInfo: aboutMember(member, project),
  }),
  projectInvitation: (invitor: User, project: Project, remark: string) => ({
    type: OfflineType.projectInvitation,
    text: `${invitor.nickname}邀请你加入项目: ${project.name}`,
    extraInfo: { ...fromInvitor(invitor), projectId: project.id, remark },
  }),
  removedFromProject: (member: User, project: Project, by: User) => ({
    type: OfflineType.removedFromProject,
    text: `${by.nickname}将你移出了项目: ${project.name}`,
    extraInfo: aboutMember(member, project),
  }),
  taskPublished: (publisher: User, task: Task) => ({
    type: OfflineType.taskPublished,
    text: `${publisher.nickname}发布了一个任务: ${task.name}`,
    extraInfo: { ...fromInvitor(publisher), missionId: task.id },
  }),
  taskInvitation: (invitor: User, task: Task, remark: string) => ({
    type: OfflineType.taskInvitation,
    text: `${invitor.nickname}邀请你接受任务: ${task.name}`,
    extraInfo: { ...fromInvitor(invitor), missionId: task.id, remark },
  }),
};

/** What a picked-up copy of a recalled chat message says instead of its preview. */
export const recalledSentence = (sender: User) => `${sender.nickname}撤回了一条消息`;

export interface OfflineContent {
  type: OfflineType;
  text: string;
  extraInfo: OfflineExtraInfo;
}

/**
 * Stores an offline message for `userId` (call inside the transaction of the event
 * that causes it). Invitations start not dealt; every other type is dealt at once.
 */
export async function addOfflineMessage(
  ctx: DomainContext,
  userId: number,
  content: OfflineContent,
  chatMessageId: number | null = null,
): Promise<string> {
  const id = newOfflineMessageId();
  const message = await ctx.store.offline.insert({
    id,
    userId,
    type: content.type,
    text: content.text,
    extraInfo: content.extraInfo,
    dealt: !isInvitationType(content.type),
    chatMessageId,
    createdAt: ctx.now(),
  });
  emit(ctx, { type: 'offline.created', message });
  return id;
}

/**
 * At most this many offline messages are handed over per call: a long queue (someone
 * flooded the user) goes in bounded transactions that never stall the other users; the
 * rest comes with the next call.
 */
export const OFFLINE_BATCH = 500;

/**
 * Hands over the user's undelivered offline messages, oldest first, at most a batch, and
 * marks them delivered in the same transaction: each is handed over exactly once. The chat
 * messages they stand for count as delivered too.
 */
export async function takeUndelivered(ctx: DomainContext, userId: number): Promise<OfflineMessage[]> {
  const { store } = ctx;
  return await store.transaction(async () => {
    const messages = await store.offline.undelivered(userId, OFFLINE_BATCH);
    if (messages.length === 0) return messages;
    const now = ctx.now();
    await store.offline.markDeliveredUpTo(userId, messages[messages.length - 1]!.seq, now);
    const chatMessages: ChatMessage[] = [];
    for (const { chatMessageId } of messages)
      if (chatMessageId !== null) chatMessages.push((await store.messages.byId(chatMessageId))!);
    await recordDelivery(ctx, userId, chatMessages);
    return messages;
  });
}

/**
 * Chat messages reached `userId` (handed over, acknowledged or read): marks them
 * delivered and tells their senders, window by window.
 */
export async function recordDelivery(ctx: DomainContext, userId: number, messages: ChatMessage[]): Promise<void> {
  const { store } = ctx;
  const now = ctx.now();
  const delivered: ChatMessage[] = [];
  for (const message of messages) {
    const inGroup = message.toId !== userId;
    const changed = inGroup
      ? (await store.windows.advanceDelivered(message.windowId, userId, message.id)) > 0
      : (await store.messages.markDelivered(message, now)) > 0;
    if (inGroup && changed) await store.windows.markReceipt(message.windowId, userId, 'delivered', message.id, now);
    await store.offline.markDeliveredForChatMessage(message.id, userId, now);
    if (changed) delivered.push(message);
  }
  announceDelivery(ctx, userId, delivered);
}

/** Tells each sender, window by window, which of their messages just reached `userId`. */
export function announceDelivery(
  ctx: DomainContext,
  userId: number,
  delivered: readonly Pick<ChatMessage, 'id' | 'windowId' | 'fromId'>[],
): void {
  const bySenderAndWindow = new Map<string, Pick<ChatMessage, 'id' | 'windowId' | 'fromId'>[]>();
  for (const message of delivered) {
    const key = `${message.windowId}:${message.fromId}`;
    bySenderAndWindow.set(key, [...(bySenderAndWindow.get(key) ?? []), message]);
  }
  for (const messages of bySenderAndWindow.values())
    emit(ctx, {
      type: 'messages.delivered',
      windowId: messages[0]!.windowId,
      ids: messages.map((m) => m.id),
      recipientId: userId,
      senderId: messages[0]!.fromId,
    });
}

/** Every offline message of the user, delivered or not, newest first, by cursor. */
export async function offlineHistory(ctx: DomainContext, userId: number, limit: number, beforeId?: string) {
  let beforeSeq = Number.MAX_SAFE_INTEGER;
  if (beforeId !== undefined) {
    const cursor = await ctx.store.offline.byId(beforeId);
    if (!cursor || cursor.userId !== userId) throw invalid('the cursor names no offline message of yours');
    beforeSeq = cursor.seq;
  }
  return await ctx.store.offline.history(userId, beforeSeq, limit);
}

/** The user's own offline message, or not-found (someone else's is not revealed). */
export async function ownOfflineMessage(ctx: DomainContext, userId: number, id: string): Promise<OfflineMessage> {
  const message = await ctx.store.offline.byId(id);
  if (!message || message.userId !== userId) throw notFound('no such offline message');
  return message;
}
