/**
 * The only bridge between the page and the desktop: a handful of functions over an
 * allow-list of channels. The page never sees `ipcRenderer` itself. The shape is the
 * contract's `DesktopApi` (a type-only import: nothing of the server enters this bundle).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopApi } from '../../embedded-server/src/contract/desktop.js';
import { Channel } from './ipc-channels.js';

function subscribe(channel: string, listener: (payload: unknown) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

contextBridge.exposeInMainWorld('messenger', {
  platform: process.platform,
  info: () => ipcRenderer.invoke(Channel.info),
  notify: (notification) => ipcRenderer.send(Channel.notify, notification),
  setBadge: (counts) => ipcRenderer.send(Channel.badge, counts),
  getServerUrl: () => ipcRenderer.invoke(Channel.getServerUrl),
  setServerUrl: (url) => ipcRenderer.invoke(Channel.setServerUrl, url),
  loadSession: () => ipcRenderer.invoke(Channel.loadSession),
  saveSession: (session) => ipcRenderer.invoke(Channel.saveSession, session),
  onOpenTarget: (listener) => subscribe(Channel.openTarget, listener),
  onCommand: (listener) => subscribe(Channel.command, listener),
  onResume: (listener) => subscribe(Channel.resume, () => listener()),
} satisfies DesktopApi);
