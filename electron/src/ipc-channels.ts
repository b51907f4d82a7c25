/**
 * Every message that crosses between the renderer and the main process. The preload
 * exposes functions over exactly these, and the main process listens to nothing else.
 */
export const Channel = {
  /** renderer → main */
  notify: 'messenger:notify',
  badge: 'messenger:badge',
  info: 'messenger:info',
  getServerUrl: 'messenger:get-server-url',
  setServerUrl: 'messenger:set-server-url',
  loadSession: 'messenger:load-session',
  saveSession: 'messenger:save-session',
  /** main → renderer */
  openTarget: 'messenger:open-target',
  command: 'messenger:command',
  resume: 'messenger:resume',
} as const;
