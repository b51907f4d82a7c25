/**
 * `POST /api/admin/scenario` (API.md §3c): a whole workspace in one request, built as if its
 * people had done it. Every list may be left out. Users are named by username, the other
 * items by a `key` of the scenario's own, unique within its list.
 */
import type { Role } from './enums.js';
import type { NotificationStatusWire } from './wire.js';

/**
 * When something happened: epoch milliseconds, or a time relative to the server's clock as
 * the request arrives, written as signed amounts of days, hours, minutes and seconds
 * (`-3d`, `-1d-10h+6m`, `-90s`). Never in the future.
 */
export type ScenarioTime = number | string;

/** The relative form of {@link ScenarioTime}. */
export const RELATIVE_TIME = /^(?:[+-]\d{1,7}[dhms])+$/;

export interface ScenarioUser {
  username: string;
  password: string;
  nickname: string;
  role?: Role;
}

/** A one-to-one window, opened by `from` (usernames). */
export interface ScenarioWindow {
  key: string;
  from: string;
  to: string;
}

/** A text message, in a one-to-one window (`window`, a window key) or a project's group chat (`project`). */
export interface ScenarioMessage {
  key: string;
  window?: string;
  project?: string;
  from: string;
  message: string;
  type?: 'TEXT';
  at?: ScenarioTime;
}

export interface ScenarioNotification {
  key: string;
  user: string;
  title: string;
  content: string;
  type: number;
  subtype: number;
  params?: string | null;
  /** Unread when left out. */
  status?: NotificationStatusWire;
  at?: ScenarioTime;
  /** When it was moved to `status` (default: `at`). */
  statusAt?: ScenarioTime;
}

/** A project and its group chat; each of `members` joins as if invited by the owner and accepting at once. */
export interface ScenarioProject {
  key: string;
  name: string;
  owner: string;
  members?: string[];
  at?: ScenarioTime;
}

/** A task published in a project by one of its members. */
export interface ScenarioTask {
  key: string;
  project: string;
  name: string;
  by: string;
  at?: ScenarioTime;
}

/** An invitation into a project or to a task (one of the two), answered or still waiting. */
export interface ScenarioInvitation {
  key: string;
  project?: string;
  task?: string;
  from: string;
  to: string;
  remark?: string;
  at?: ScenarioTime;
  answer?: 'accept' | 'decline';
  /** When it was answered (default: `at`). */
  answeredAt?: ScenarioTime;
}

/** `user` reads everything sent to them so far in a window (`window`) or a group chat (`project`). */
export interface ScenarioRead {
  user: string;
  window?: string;
  project?: string;
  at?: ScenarioTime;
}

/** `user` leaves a project, or is removed from it by its owner (`by`). */
export interface ScenarioDeparture {
  user: string;
  project: string;
  by?: string;
  at?: ScenarioTime;
}

/** `user`'s app picks up the offline messages waiting for them (`GET /offlineMessages`). */
export interface ScenarioPickup {
  user: string;
  at?: ScenarioTime;
}

export interface ScenarioWire {
  users?: ScenarioUser[];
  windows?: ScenarioWindow[];
  projects?: ScenarioProject[];
  tasks?: ScenarioTask[];
  invitations?: ScenarioInvitation[];
  messages?: ScenarioMessage[];
  reads?: ScenarioRead[];
  departures?: ScenarioDeparture[];
  pickups?: ScenarioPickup[];
  notifications?: ScenarioNotification[];
}

/** What a scenario made: every key (and username) with the id it got. */
export interface ScenarioResultWire {
  users: Record<string, number>;
  windows: Record<string, number>;
  projects: Record<string, string>;
  tasks: Record<string, string>;
  /** The id of the offline message (type 4 or 7) the invitee answers through. */
  invitations: Record<string, string>;
  messages: Record<string, number>;
  notifications: Record<string, number>;
}
