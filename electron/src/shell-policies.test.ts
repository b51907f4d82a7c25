import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { DesktopCommand } from '../../embedded-server/src/contract/desktop.js';
import { badgeTotal } from '../../embedded-server/src/contract/desktop.js';
import { notificationText, parseOpenTarget, shouldNotify } from './desktop-policy.js';
import { loadDesktopState, saveDesktopState } from './desktop-store.js';
import { displayProblem, findElectronBinary } from './electron-binary.js';
import { menuTemplate, type MenuItem } from './menu-template.js';
import { decideWindowOpen, isAppNavigation, isPermissionGranted } from './navigation-guard.js';
import { createMainWindow, DEFAULT_BOUNDS, restoreBounds } from './window-options.js';

const APP = 'http://127.0.0.1:40123';

describe('window security', () => {
  it('states every web preference that keeps the page away from Node.js', () => {
    // Stands in for Electron's BrowserWindow: keeps the options the window was opened with.
    class RecordingWindow {
      constructor(readonly options: BrowserWindowConstructorOptions) {}
    }
    const { options } = createMainWindow(RecordingWindow, DEFAULT_BOUNDS, '/p/preload.cjs', 'Messenger');
    expect(options.webPreferences).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(options).toMatchObject({
      ...DEFAULT_BOUNDS,
      minWidth: 900,
      minHeight: 600,
      title: 'Messenger',
      show: false,
    });
  });

  it('never opens a window inside the app; web links go to the system browser', () => {
    expect(decideWindowOpen('https://example.com/page')).toEqual({
      action: 'deny',
      openExternally: 'https://example.com/page',
    });
    expect(decideWindowOpen('http://intranet/x')).toEqual({ action: 'deny', openExternally: 'http://intranet/x' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'not a url'])
      expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: null });
  });

  it('lets the window navigate only within the app’s own origin', () => {
    expect(isAppNavigation(`${APP}/chats`, APP)).toBe(true);
    expect(isAppNavigation('http://127.0.0.1:40124/', APP)).toBe(false);
    expect(isAppNavigation('https://evil.example/', APP)).toBe(false);
    expect(isAppNavigation('file:///index.html', APP)).toBe(false);
  });

  it('grants notifications and the microphone to the app, and nothing else to anyone', () => {
    expect(isPermissionGranted('notifications', `${APP}/`, APP)).toBe(true);
    expect(isPermissionGranted('notifications', 'https://evil.example/', APP)).toBe(false);
    expect(isPermissionGranted('media', `${APP}/`, APP, ['audio'])).toBe(true);
    expect(isPermissionGranted('media', 'https://evil.example/', APP, ['audio'])).toBe(false);
    for (const mediaTypes of [['video'], ['audio', 'video'], [], ['unknown']])
      expect(isPermissionGranted('media', `${APP}/`, APP, mediaTypes), mediaTypes.join()).toBe(false);
    for (const permission of ['geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'display-capture'])
      expect(isPermissionGranted(permission, `${APP}/`, APP, ['audio'])).toBe(false);
  });
});

describe('window placement', () => {
  const display = { x: 0, y: 0, width: 1920, height: 1080 };

  it('restores a remembered window that still fits a display', () => {
    expect(restoreBounds({ x: 100, y: 80, width: 1000, height: 700, maximized: true }, [display])).toEqual({
      x: 100,
      y: 80,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });

  it('re-centres a window whose display is gone, and never goes below the minimum size', () => {
    expect(restoreBounds({ x: 3000, y: 80, width: 400, height: 300 }, [display])).toEqual({
      width: 900,
      height: 600,
      maximized: false,
    });
    expect(restoreBounds('garbage', [display])).toEqual(DEFAULT_BOUNDS);
  });
});

describe('badge and notifications', () => {
  it('counts what waits for the user on the badge', () => {
    expect(badgeTotal({ chatUnread: 3, inboxUnread: 2, inboxTodo: 9, invitationsPending: 1 })).toBe(6);
    expect(badgeTotal({ chatUnread: Number.NaN, inboxUnread: -1, inboxTodo: 0, invitationsPending: 0 })).toBe(0);
  });

  it('notifies only when the window is not in front and the user did not mute', () => {
    expect(shouldNotify({ windowFocused: false, muted: false })).toBe(true);
    expect(shouldNotify({ windowFocused: true, muted: false })).toBe(false);
    expect(shouldNotify({ windowFocused: false, muted: true })).toBe(false);
  });

  it('accepts only well-formed click targets and bounded text from the renderer', () => {
    expect(parseOpenTarget({ id: 7 })).toEqual({ id: 7 });
    expect(parseOpenTarget({ id: 7, extra: 'dropped' })).toEqual({ id: 7 });
    for (const bad of [null, 'chat', { id: -1 }, { id: 1.5 }, { kind: 'shell', cmd: 'rm' }])
      expect(parseOpenTarget(bad)).toBeNull();
    expect(notificationText('x'.repeat(500), 'y'.repeat(1000))).toEqual({
      title: 'x'.repeat(120),
      body: 'y'.repeat(300),
    });
    expect(notificationText('', 'body')).toBeNull();
    expect(notificationText({}, 'body')).toBeNull();
  });
});

describe('the app menu', () => {
  it('offers the usual shortcuts, each sending its command to the page', () => {
    const sent: DesktopCommand[] = [];
    const items = menuTemplate((command) => sent.push(command), false).flatMap((m: MenuItem) => m.submenu ?? []);
    const byAccelerator = new Map(items.filter((i) => i.accelerator).map((i) => [i.accelerator, i]));
    for (const accelerator of ['CmdOrCtrl+K', 'CmdOrCtrl+,', 'CmdOrCtrl+1', 'CmdOrCtrl+2', 'CmdOrCtrl+3'])
      byAccelerator.get(accelerator)!.click!();
    expect(sent).toEqual(['switch-chat', 'open-settings', 'section-chats', 'section-inbox', 'section-invitations']);
    expect(menuTemplate(() => undefined, true)[0]).toEqual({ role: 'appMenu' });
  });
});

describe('what the desktop app remembers', () => {
  it('round-trips its state and survives a damaged file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'messenger-desktop-'));
    const file = join(dir, 'desktop.json');
    try {
      expect(loadDesktopState(file)).toEqual({});
      saveDesktopState(file, { port: 40123, muted: true, serverUrl: 'https://chat.example.com' });
      expect(loadDesktopState(file)).toMatchObject({ port: 40123, muted: true, serverUrl: 'https://chat.example.com' });
      writeFileSync(file, '{ not json');
      expect(loadDesktopState(file)).toEqual({});
      writeFileSync(file, JSON.stringify({ port: 99999, serverUrl: 'javascript:alert(1)' }));
      expect(loadDesktopState(file)).toMatchObject({ port: undefined, serverUrl: undefined });
      expect(readFileSync(file, 'utf8')).toContain('99999');
      // Saved before plain http beyond this computer was refused: not loaded either.
      writeFileSync(file, JSON.stringify({ serverUrl: 'http://10.0.0.5:8080' }));
      expect(loadDesktopState(file)).toMatchObject({ serverUrl: undefined });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('finding Electron', () => {
  it('says why it cannot run: no binary, or no display', () => {
    const absent = findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist' });
    expect(absent).toEqual({ missing: expect.stringContaining('never downloaded') });
    expect(displayProblem({}, 'linux')).toMatch(/no display/);
    expect(displayProblem({ DISPLAY: ':0' }, 'linux')).toBeNull();
    expect(displayProblem({}, 'darwin')).toBeNull();
  });
});
