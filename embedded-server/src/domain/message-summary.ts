import type { ChatMessage } from './types.js';

/**
 * A message as one line of text, for window lists and notifications: the text itself,
 * or a marker for an image (with its caption) or a voice clip.
 */
export function messageSummary(message: ChatMessage): string {
  if (message.type === 'IMAGE') return message.body ? `[图片] ${message.body}` : '[图片]';
  if (message.type === 'VOICE') return message.body ? `[语音] ${message.body}` : '[语音]';
  return message.body;
}

/** The summary cut to `maxChars` characters (not UTF-16 units, so no emoji is split). */
export function messagePreview(message: ChatMessage, maxChars = 60): string {
  const chars = [...messageSummary(message)];
  return chars.length > maxChars ? `${chars.slice(0, maxChars).join('')}…` : chars.join('');
}
