import type { MessageType } from './enums.js';

/** How a message that is not plain text is marked in a one-line summary. */
export type SummaryMarkers = Record<Exclude<MessageType, 'TEXT'>, string>;

/** The markers the server writes (`afterMessage`, offline message sentences). */
export const SERVER_MARKERS: SummaryMarkers = { IMAGE: '[图片]', VOICE: '[语音]' };

/**
 * A message as one line of text, for window lists and notifications: the text itself,
 * or a marker for an image or a voice clip, followed by its caption if it has one. The
 * renderer passes its own language's markers; the server's are the default.
 */
export function messageSummary(
  message: { type: MessageType; text: string },
  markers: SummaryMarkers = SERVER_MARKERS,
): string {
  if (message.type === 'TEXT') return message.text;
  const marker = markers[message.type];
  return message.text ? `${marker} ${message.text}` : marker;
}

/** The summary cut to `maxChars` characters (not UTF-16 units, so no emoji is split). */
export function messagePreview(message: { type: MessageType; text: string }, maxChars = 60): string {
  const chars = [...messageSummary(message)];
  return chars.length > maxChars ? `${chars.slice(0, maxChars).join('')}…` : chars.join('');
}
