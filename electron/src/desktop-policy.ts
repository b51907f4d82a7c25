import type { OpenTarget } from '../../embedded-server/src/contract/desktop.js';

/** A native notification is shown only when it helps: the window is not in front and the user did not mute. */
export function shouldNotify(state: { windowFocused: boolean; muted: boolean }): boolean {
  return !state.windowFocused && !state.muted;
}

/**
 * Checks a target sent by the renderer before it is echoed back on click: the page keeps
 * the action and sends only its number.
 */
export function parseOpenTarget(value: unknown): OpenTarget | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id } = value as Record<string, unknown>;
  return Number.isSafeInteger(id) && (id as number) > 0 ? { id: id as number } : null;
}

/** A notification's text, as shown natively: bounded, plain. */
export function notificationText(title: unknown, body: unknown): { title: string; body: string } | null {
  if (typeof title !== 'string' || typeof body !== 'string' || title.trim() === '') return null;
  return { title: title.slice(0, 120), body: body.slice(0, 300) };
}
