import type { QueryClient } from '@tanstack/react-query';
import { create } from 'zustand';
import { sendFile, sendImage } from './outbox.js';
import { takeReplyTarget } from './reply-target.js';
import { attachmentKind, sizeLimit } from './upload.js';

/** A file kept back before any upload, and why: the server would refuse it anyway. */
export interface Refusal {
  name: string;
  reason: 'too-large' | 'empty';
  /** The limit it went over, in bytes. */
  limit: number;
}

export function refusal(file: File): Refusal | null {
  const limit = sizeLimit(file);
  if (file.size === 0) return { name: file.name, reason: 'empty', limit };
  if (file.size > limit) return { name: file.name, reason: 'too-large', limit };
  return null;
}

/** 10485760 → "10 MB": the limits are whole mebibytes. */
export const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

interface RefusedFiles {
  /** The files last kept back in each window, until the next attempt or the user dismisses them. */
  byWindow: Record<number, readonly Refusal[]>;
  show(windowId: number, refusals: readonly Refusal[]): void;
}

/**
 * What the composer says about files it kept back. A store rather than the composer's own
 * state: files dropped anywhere on the pane end up here too.
 */
export const useRefusedFiles = create<RefusedFiles>()((set) => ({
  byWindow: {},
  show: (windowId, refusals) => set(({ byWindow }) => ({ byWindow: { ...byWindow, [windowId]: refusals } })),
}));

/**
 * Sends files picked, pasted or dropped into a window: an image the server shows as an
 * IMAGE, anything else as a FILE with its name; the reply being written goes with the
 * first. Files over their limit stay back, listed with why. Returns how many went.
 */
export function attachFiles(queryClient: QueryClient, cId: number, me: number, files: readonly File[]): number {
  const refusals = files.map(refusal);
  const fitting = files.filter((_, i) => refusals[i] === null);
  useRefusedFiles.getState().show(
    cId,
    refusals.filter((r) => r !== null),
  );
  const replyTo = fitting.length > 0 ? takeReplyTarget(cId) : undefined;
  fitting.forEach((file, i) => {
    const extras = i === 0 && replyTo ? { replyTo } : {};
    if (attachmentKind(file) === 'IMAGE') sendImage(queryClient, cId, me, file, extras);
    else sendFile(queryClient, cId, me, file, extras);
  });
  return fitting.length;
}
