import type { MessageType } from './enums.js';

/** How a message that is not plain text is marked in a one-line summary. */
export type SummaryMarkers = Record<'IMAGE' | 'VOICE' | 'FILE' | 'RECALLED', string>;

/** The markers the server writes (`afterMessage`, offline message sentences). */
export const SERVER_MARKERS: SummaryMarkers = {
  IMAGE: '[图片]',
  VOICE: '[语音]',
  FILE: '[文件]',
  RECALLED: '[已撤回]',
};

/** What a summary is made of. */
export interface Summarised {
  type: MessageType;
  /** The text, or a media message's caption. */
  text: string;
  /** A FILE message's file name. */
  fileName?: string | null;
  recalled?: boolean;
}

/**
 * A message as one line of text, for window lists and notifications: the text itself, or
 * a marker for an image, a voice clip or a file (with its name), followed by the caption
 * if there is one. A recalled message is only its marker. The renderer passes its own
 * language's markers; the server's are the default.
 */
export function messageSummary(message: Summarised, markers: SummaryMarkers = SERVER_MARKERS): string {
  if (message.recalled) return markers.RECALLED;
  const parts =
    message.type === 'TEXT' || message.type === 'SYSTEM'
      ? []
      : message.type === 'FILE'
        ? [markers.FILE, message.fileName ?? '']
        : [markers[message.type]];
  return [...parts, message.text].filter((part) => part !== '').join(' ');
}

/** The summary cut to `maxChars` characters (not UTF-16 units, so no emoji is split). */
export function messagePreview(message: Summarised, maxChars = 60): string {
  const chars = [...messageSummary(message)];
  return chars.length > maxChars ? `${chars.slice(0, maxChars).join('')}…` : chars.join('');
}
