import type { DomainContext } from './context.js';
import type { MessageView } from './message-views.js';
import type { ChatMessage, ChatWindow, InvitationView, Notification, OfflineMessage } from './types.js';

/**
 * What happened, for whoever listens (the real-time channel). Events are published only
 * after the transaction that caused them has committed, so a listener never announces
 * a change that was rolled back.
 */
export type DomainEvent =
  | {
      type: 'message.created' | 'message.updated';
      message: ChatMessage;
      window: ChatWindow;
      memberIds: number[];
      /** The message as its members see it, when its writer had that at hand. */
      view?: MessageView;
    }
  | { type: 'message.recalled'; windowId: number; id: number; memberIds: number[] }
  /** Deleted for one user only. */
  | { type: 'message.hidden'; windowId: number; id: number; userId: number }
  | { type: 'messages.read'; windowId: number; readerId: number; upTo: number; memberIds: number[] }
  | { type: 'messages.delivered'; windowId: number; ids: number[]; recipientId: number; senderId: number }
  | { type: 'notification.created' | 'notification.updated'; notification: Notification }
  | { type: 'offline.created'; message: OfflineMessage }
  /** A notification the server withdrew (a decline notice whose decline was undone). */
  | { type: 'notification.removed'; userId: number; id: number }
  /** Members, tasks or invitations of the project changed: `userIds` are told to refetch it. */
  | { type: 'project.updated'; projectId: string; userIds: number[] }
  /** An invitation changed state; its invitee and inviter are told. */
  | { type: 'invitation.updated'; invitation: InvitationView }
  /** These sessions of the user were signed out: their live connections must close. */
  | { type: 'sessions.ended'; userId: number; sessionIds: string[] }
  /** Everything was deleted (a QA reset): every session ended with it. */
  | { type: 'store.emptied' }
  /** Some of these users' badge numbers may have changed (in that window, if one is named). */
  | { type: 'counts.changed'; userIds: number[]; windowId?: number };

export interface EventSink {
  publish(event: DomainEvent): void;
}

/** Hands each event to every one of `sinks`, in their order. */
export function toEach(...sinks: EventSink[]): EventSink {
  return { publish: (event) => sinks.forEach((sink) => sink.publish(event)) };
}

/** Publishes `event` once the current transaction commits. */
export function emit(ctx: DomainContext, event: DomainEvent): void {
  ctx.store.afterCommit(() => ctx.events.publish(event));
}
