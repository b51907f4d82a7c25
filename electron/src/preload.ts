/**
 * The only bridge between the page and the desktop: a handful of functions over an
 * allow-list of channels. The page never sees `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { Channel } from './ipc-channels.js';

function subscribe(channel: string, listener: (payload: unknown) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

contextBridge.exposeInMainWorld('messenger', {
  platform: process.platform,
  info: (): Promise<{ version: string; platform: string }> => ipcRenderer.invoke(Channel.info),
  notify: (notification: { title: string; body: string; target: unknown }) =>
    ipcRenderer.send(Channel.notify, notification),
  setBadge: (counts: unknown) => ipcRenderer.send(Channel.badge, counts),
  getServerUrl: (): Promise<string | null> => ipcRenderer.invoke(Channel.getServerUrl),
  setServerUrl: (url: string | null): Promise<boolean> => ipcRenderer.invoke(Channel.setServerUrl, url),
  onOpenTarget: (listener: (target: unknown) => void) => subscribe(Channel.openTarget, listener),
  onCommand: (listener: (command: unknown) => void) => subscribe(Channel.command, listener),
  onResume: (listener: () => void) => subscribe(Channel.resume, () => listener()),
});
