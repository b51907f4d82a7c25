import { isInvitationType } from '../contract/enums.js';
import { CloseCode, type ServerEvent } from '../contract/events.js';
import { badgeCounts } from '../domain/counts.js';
import { viewOf } from '../domain/message-views.js';
import type { DomainContext } from '../domain/context.js';
import type { DomainEvent, EventSink } from '../domain/events.js';
import { chatMessageWire, invitationWire, notificationWire, offlineMessageWire } from '../wire/present.js';
import type { ConnectionHub, LiveConnection } from './hub.js';

/** Whose badge numbers moved, and in which of their windows the unread count did. */
interface CountsChange {
  userIds: number[];
  windowId?: number;
}

/**
 * Turns committed domain events into the WebSocket events of API.md §3, sent to every
 * live connection of the users concerned, followed by fresh `counts` for each user
 * whose badge numbers moved.
 */
export class RealtimeFanout implements EventSink {
  constructor(
    private readonly ctx: DomainContext,
    private readonly hub: ConnectionHub,
    /** Where a failure to send an event is reported: the event's change is committed, so it is only logged. */
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Users whose badge numbers moved since the last `counts` they were sent, with the windows that moved. */
  private readonly stale = new Map<number, Set<number>>();
  /** Events published and not yet sent: each is sent once the one before it has been. */
  private pending = 0;
  private sending: Promise<void> = Promise.resolve();

  /** Sends the event's frames after those of every event published before it. */
  publish(event: DomainEvent): void {
    this.pending++;
    this.sending = this.sending
      .then(() => this.sendEvent(event))
      .catch((error: unknown) => this.onError(error))
      .finally(() => this.pending--);
  }

  /** Resolves once every event published so far has been sent. */
  settled(): Promise<void> {
    return this.sending;
  }

  private async sendEvent(event: DomainEvent): Promise<void> {
    const { userIds, windowId } = await this.deliver(event);
    for (const userId of userIds) if (this.hub.isOnline(userId)) this.countsMoved(userId, windowId);
    // The events of one commit (a group commit holds many) are published together: each
    // user gets one fresh `counts` after all of them, not one per event.
    if (this.pending === 1) await this.sendStaleCounts();
  }

  private async sendStaleCounts(): Promise<void> {
    const stale = [...this.stale];
    this.stale.clear();
    for (const [userId, windows] of stale) await this.sendCounts(userId, windows);
  }

  private countsMoved(userId: number, windowId: number | undefined): void {
    const windows = this.stale.get(userId) ?? new Set<number>();
    if (windowId !== undefined) windows.add(windowId);
    this.stale.set(userId, windows);
  }

  async sendCounts(userId: number, changedWindows: Iterable<number> = []): Promise<void> {
    this.send([userId], { type: 'counts', data: await badgeCounts(this.ctx, userId, changedWindows) });
  }

  private send(userIds: Iterable<number>, event: ServerEvent): void {
    this.hub.send(userIds, event);
  }

  /** Sends the event's frames; returns whose counts changed. */
  private async deliver(event: DomainEvent): Promise<CountsChange> {
    switch (event.type) {
      case 'message.created':
      case 'message.updated': {
        const view = event.view ?? (await viewOf(this.ctx, event.window, event.message));
        const type = event.type === 'message.created' ? 'message.new' : 'message.updated';
        const now = this.ctx.now();
        const frameFor = ({ userId, sessionId }: Pick<LiveConnection, 'userId' | 'sessionId'>): ServerEvent => ({
          type,
          data: chatMessageWire(view, event.window.openerId, { userId, sessionId, now }),
        });
        // A media message carries a URL signed for each connection's session; a text one signs
        // nothing and is the same for all.
        if (view.message.attachmentId) this.hub.sendEach(event.memberIds, frameFor);
        else this.send(event.memberIds, frameFor({ userId: event.message.fromId, sessionId: '' }));
        if (event.type === 'message.updated' || event.message.type === 'SYSTEM') return { userIds: [] };
        return { userIds: event.memberIds.filter((id) => id !== event.message.fromId), windowId: event.window.id };
      }
      case 'message.recalled':
        this.send(event.memberIds, { type: 'message.recalled', data: { cId: event.windowId, id: event.id } });
        return { userIds: [] };
      case 'message.hidden':
        this.send([event.userId], { type: 'message.hidden', data: { cId: event.windowId, id: event.id } });
        return { userIds: [] };
      case 'messages.read':
        this.send(
          event.memberIds.filter((id) => id !== event.readerId),
          { type: 'message.read', data: { cId: event.windowId, upTo: event.upTo, userId: event.readerId } },
        );
        return { userIds: [event.readerId], windowId: event.windowId };
      case 'messages.delivered':
        this.send([event.senderId], {
          type: 'message.delivered',
          data: { cId: event.windowId, ids: event.ids, userId: event.recipientId },
        });
        return { userIds: [] };
      case 'notification.created':
      case 'notification.updated':
        this.send([event.notification.userId], {
          type: event.type === 'notification.created' ? 'notification.new' : 'notification.updated',
          data: notificationWire(event.notification),
        });
        return { userIds: [event.notification.userId] };
      case 'offline.created': {
        const { message } = event;
        this.send([message.userId], { type: 'offline.new', data: offlineMessageWire(message) });
        return { userIds: isInvitationType(message.type) ? [message.userId] : [] };
      }
      case 'notification.removed':
        this.send([event.userId], { type: 'notification.removed', data: { id: event.id } });
        return { userIds: [event.userId] };
      case 'project.updated':
        this.send(event.userIds, { type: 'project.updated', data: { pid: event.projectId } });
        return { userIds: [] };
      case 'invitation.updated': {
        const { invitation } = event.invitation;
        const to = [...new Set([invitation.inviteeId, invitation.inviterId])];
        this.send(to, { type: 'invitation.updated', data: invitationWire(event.invitation) });
        return { userIds: [invitation.inviteeId] }; // their pending invitations moved
      }
      case 'sessions.ended':
        this.hub.closeSessions(event.userId, event.sessionIds, CloseCode.badToken, 'signed out');
        return { userIds: [] };
      case 'store.emptied':
        // The instance that emptied it closed its own first; this closes the other instances'.
        this.hub.closeAll(CloseCode.badToken, 'the store was reset');
        return { userIds: [] };
      case 'counts.changed':
        return { userIds: event.userIds, windowId: event.windowId };
    }
  }
}
