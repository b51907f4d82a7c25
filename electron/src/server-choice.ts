import type { MessageBoxOptions } from 'electron';
import type { ServerChangeAnswer } from '../../embedded-server/src/contract/desktop.js';

/**
 * This computer only: 127.0.0.0/8, ::1 and `localhost`. The URL parser has already written
 * any IPv4 form (`127.1`, `0x7f.1`) as four decimal numbers, so a name that merely starts
 * with 127 (`127.0.0.1.example.com`) is not taken for one.
 */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const parts = hostname.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((part) => /^\d{1,3}$/.test(part));
}

export type ServerUrlCheck = { url: string } | { refused: Exclude<ServerChangeAnswer, 'restarting' | 'cancelled'> };

/**
 * A team server's address: `https:`, or `http:` on this computer. Plain `http:` beyond it
 * would carry the password and the session token where anyone on the way can read them.
 * Only the origin is kept (no path, no credentials), since the app loads its root.
 */
export function checkServerUrl(value: unknown): ServerUrlCheck {
  if (typeof value !== 'string') return { refused: 'invalid' };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { refused: 'invalid' };
  }
  if (url.protocol === 'https:') return { url: url.origin };
  if (url.protocol !== 'http:') return { refused: 'invalid' };
  return isLoopbackHost(url.hostname) ? { url: url.origin } : { refused: 'insecure' };
}

/** The button that goes ahead; the other, Cancel, is the default and what Esc does. */
export const SWITCH_BUTTON = 1;

/**
 * The question the main process asks before switching: the page may ask for a change, but
 * only the user, in a dialog the page cannot draw or click, can make it. The address is
 * shown as the app will load it (an international name in its `xn--` form, so a look-alike
 * cannot pass for the real one).
 */
export function serverChangeDialog(url: string | null): MessageBoxOptions {
  return {
    type: 'question',
    title: 'Messenger',
    message: url ? 'Connect Messenger to another server?' : 'Go back to the built-in server?',
    detail: url
      ? `Messenger will restart and connect to\n\n${url}\n\nYou will sign in there, and that server will see everything you send. Continue only if you asked for this change.`
      : 'Messenger will restart with the server built into the app, on this computer. You will sign in again.',
    buttons: ['Cancel', url ? 'Restart and Connect' : 'Restart'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

export interface ServerSwitchPorts {
  /** Shows the dialog natively; resolves with the index of the button pressed. */
  ask(dialog: MessageBoxOptions): Promise<number>;
  /** Saves the new choice and restarts the app (called at most once). */
  switchTo(url: string | null): void;
}

/** Requests from the page to change the server, each answered; one dialog at a time, one restart at most. */
export class ServerSwitch {
  private busy = false;

  constructor(private readonly ports: ServerSwitchPorts) {}

  async request(value: unknown): Promise<ServerChangeAnswer> {
    const checked = value === null ? { url: null } : checkServerUrl(value);
    if ('refused' in checked) return checked.refused;
    // A page that asks again while the dialog is open, or after the switch, gets no second one.
    if (this.busy) return 'cancelled';
    this.busy = true;
    const response = await this.ports.ask(serverChangeDialog(checked.url)).catch(() => 0);
    if (response !== SWITCH_BUTTON) {
      this.busy = false;
      return 'cancelled';
    }
    this.ports.switchTo(checked.url);
    return 'restarting';
  }
}
