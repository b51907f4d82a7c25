import { badgeCounts } from '../domain/counts.js';
import type { DomainContext } from '../domain/context.js';
import type { DomainEvent, EventSink } from '../domain/events.js';
import { OfflineType } from '../domain/types.js';
import { chatMessageWire, notificationWire, offlineMessageWire } from '../http/wire.js';
import type { ConnectionHub } from './hub.js';

/**
 * Turns committed domain events into the WebSocket events of API.md §3, sent to every
 * live connection of the users concerned, followed by fresh `counts` for each user
 * whose badge numbers moved.
 */
export class RealtimeFanout implements EventSink {
  constructor(
    private readonly ctx: DomainContext,
    private readonly hub: ConnectionHub,
  ) {}

  /** Users whose badge numbers moved since the last `counts` they were sent. */
  private readonly stale = new Set<number>();

  publish(event: DomainEvent): void {
    for (const userId of this.deliver(event)) if (this.hub.isOnline(userId)) this.countsMoved(userId);
  }

  /**
   * The events of one commit (a group commit holds many) are published one after another
   * in the same task: each user gets one fresh `counts` after all of them, not one per event.
   */
  private countsMoved(userId: number): void {
    if (this.stale.size === 0)
      queueMicrotask(() => {
        for (const stale of this.stale) this.sendCounts(stale);
        this.stale.clear();
      });
    this.stale.add(userId);
  }

  sendCounts(userId: number): void {
    this.hub.send([userId], { type: 'counts', data: badgeCounts(this.ctx, userId) });
  }

  /** Sends the event's frames; returns the users whose counts changed. */
  private deliver(event: DomainEvent): number[] {
    const { hub } = this;
    switch (event.type) {
      case 'message.created': {
        const view = { ...event.message, read: false };
        const frameFor = (userId: number) => ({
          type: 'message.new',
          data: chatMessageWire(view, event.window.openerId, { userId, now: this.ctx.now() }),
        });
        // A media message carries a URL signed for each viewer; a text one is the same for all.
        if (view.attachmentId) for (const userId of event.memberIds) hub.send([userId], frameFor(userId));
        else hub.send(event.memberIds, frameFor(event.message.fromId));
        return event.memberIds.filter((id) => id !== event.message.fromId);
      }
      case 'messages.read':
        hub.send(
          event.memberIds.filter((id) => id !== event.readerId),
          { type: 'message.read', data: { cId: event.windowId, upTo: event.upTo, userId: event.readerId } },
        );
        return [event.readerId];
      case 'messages.delivered':
        hub.send([event.senderId], {
          type: 'message.delivered',
          data: { cId: event.windowId, ids: event.ids, userId: event.recipientId },
        });
        return [];
      case 'notification.created':
      case 'notification.updated':
        hub.send([event.notification.userId], {
          type: event.type === 'notification.created' ? 'notification.new' : 'notification.updated',
          data: notificationWire(event.notification),
        });
        return [event.notification.userId];
      case 'offline.created': {
        const { message } = event;
        hub.send([message.userId], { type: 'offline.new', data: offlineMessageWire(message) });
        const invitation =
          message.type === OfflineType.projectInvitation || message.type === OfflineType.taskInvitation;
        return invitation ? [message.userId] : [];
      }
      case 'counts.changed':
        return event.userIds;
    }
  }
}
