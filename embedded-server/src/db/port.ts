import type { AttachmentRepository } from './repositories/attachments.js';
import type { BadgeRepository } from './repositories/badges.js';
import type { InvitationRepository } from './repositories/invitations.js';
import type { MessageRepository } from './repositories/messages.js';
import type { NotificationRepository } from './repositories/notifications.js';
import type { OfflineMessageRepository } from './repositories/offline-messages.js';
import type { ProjectRepository } from './repositories/projects.js';
import type { ReadRepository } from './repositories/reads.js';
import type { SearchRepository } from './repositories/search.js';
import type { SendRepository } from './repositories/sends.js';
import type { TaskRepository } from './repositories/tasks.js';
import type { TokenRepository } from './repositories/tokens.js';
import type { UserRepository } from './repositories/users.js';
import type { WindowRepository } from './repositories/windows.js';

/**
 * A repository as the domain sees it: every method answers through a promise, whichever
 * engine is behind it. The SQLite repositories (repositories/) declare the methods and
 * their records; the PostgreSQL ones (postgres/repositories/) implement the same port.
 */
export type Port<Repository> = {
  [Method in keyof Repository]: Repository[Method] extends (...args: infer Args) => infer Result
    ? (...args: Args) => Promise<Awaited<Result>>
    : never;
};

/**
 * The parts of a send that the domain reaches only through `sends` and `reads`, which an
 * engine may write in fewer statements: the SQLite repositories keep them, for those two
 * to call; the PostgreSQL ones need not have them.
 */
export type WindowPort = Port<Omit<WindowRepository, 'recordMessage'>>;
export type MessagePort = Port<Omit<MessageRepository, 'insert' | 'byClientId' | 'markDirectRead'>>;

/** Which engine a store runs on. */
export type StoreEngine = 'sqlite' | 'postgres';

/**
 * The store: one repository per aggregate, and the transactions that group their writes.
 * The domain reaches the database only through this (DESIGN.md: the store is a port).
 */
export interface StorePort {
  readonly engine: StoreEngine;
  readonly users: Port<UserRepository>;
  readonly tokens: Port<TokenRepository>;
  readonly windows: WindowPort;
  readonly messages: MessagePort;
  readonly notifications: Port<NotificationRepository>;
  readonly offline: Port<OfflineMessageRepository>;
  readonly projects: Port<ProjectRepository>;
  readonly tasks: Port<TaskRepository>;
  readonly invitations: Port<InvitationRepository>;
  readonly search: Port<SearchRepository>;
  readonly attachments: Port<AttachmentRepository>;
  readonly badges: Port<BadgeRepository>;
  readonly sends: Port<SendRepository>;
  readonly reads: Port<ReadRepository>;
  /**
   * Runs `work` in one transaction: all of it is written, or none. Every repository call
   * made while it runs (in its async context) belongs to it; called inside another
   * transaction, it becomes part of that one. It may run `work` more than once when the
   * engine reports a conflict with a concurrent writer, so `work` only touches the store
   * and its own values until it returns.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Like `transaction`, for busy writes whose caller can wait a moment (a message sent, a
   * delivery acknowledged): the engine may commit it together with other such work, and it
   * settles once committed (or once `work` failed and was undone alone).
   */
  transactionSoon<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Like `transactionSoon`, for work that is a single repository call, atomic by itself:
   * SQLite commits it with the other work queued beside it, while PostgreSQL, whose
   * statement commits on its own, runs it without a transaction around it (two round trips
   * fewer) and without waiting for this instance's turn to write.
   */
  writeSoon<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` after the current transaction commits (at once when there is none); dropped if it rolls back. */
  afterCommit(work: () => void): void;
  /** Deletes every row of every table (QA reset), and what the repositories keep of them. */
  empty(): Promise<void>;
  /** How many rows all writes so far have changed: a QA scenario reports its own share. */
  changesSoFar(): Promise<number>;
  /**
   * A number that moves as soon as anything a read could see changes (with the first write
   * of a transaction, before it commits), or null when this instance cannot tell (other
   * processes write too). Replies are sent again only while it stands still (http/reply-cache.ts).
   */
  dataVersion(): number | null;
  /** Waits for the work in flight, then closes the connections. */
  close(): Promise<void>;
}

/**
 * The database cannot be reached just now (a PostgreSQL server down or restarting, the
 * network between). Answered 503 with a Retry-After; the store reconnects by itself.
 */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the database is unreachable just now; try again shortly', { cause });
    this.name = 'StoreUnavailableError';
  }
}

/**
 * A write named a row that was removed while its request ran: a QA reset, say, between the
 * start of an upload and its record, whose uploader is then gone. Requests check what they
 * name before they write, so only such a race gets here. Nothing was written; answered as a
 * conflict.
 */
export class ReferenceGoneError extends Error {
  constructor(cause: unknown) {
    super('something this request refers to was removed while it ran; nothing was written', { cause });
    this.name = 'ReferenceGoneError';
  }
}
