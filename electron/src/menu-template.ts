import type { DesktopCommand } from '../../embedded-server/src/contract/desktop.js';

export interface MenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  type?: 'separator';
  submenu?: MenuItem[];
  click?: () => void;
}

/**
 * The app menu with the usual shortcuts: Ctrl/Cmd+K switches chat, Ctrl/Cmd+, opens
 * settings, Ctrl/Cmd+1..3 go to the sections. Edit and window items use Electron's
 * roles so copy, paste and zoom behave as the platform expects.
 */
export function menuTemplate(send: (command: DesktopCommand) => void, isMac: boolean): MenuItem[] {
  return [
    ...(isMac ? [{ role: 'appMenu' }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Go',
      submenu: [
        { label: 'Switch chat…', accelerator: 'CmdOrCtrl+K', click: () => send('switch-chat') },
        { type: 'separator' },
        { label: 'Chats', accelerator: 'CmdOrCtrl+1', click: () => send('section-chats') },
        { label: 'Inbox', accelerator: 'CmdOrCtrl+2', click: () => send('section-inbox') },
        { label: 'Invitations', accelerator: 'CmdOrCtrl+3', click: () => send('section-invitations') },
        { type: 'separator' },
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => send('open-settings') },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}
