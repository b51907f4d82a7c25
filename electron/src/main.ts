/**
 * The Electron main process. It stays thin: it wires Electron's APIs to the plain
 * modules beside it (which hold the decisions and are tested without Electron).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
  utilityProcess,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type MessageBoxOptions,
} from 'electron';
import type { DesktopBadge } from '../../embedded-server/src/contract/desktop.js';
import { badgeTotal } from '../../embedded-server/src/contract/desktop.js';
import { notificationText, parseOpenTarget, shouldNotify } from './desktop-policy.js';
import { loadDesktopState, saveDesktopState, type DesktopState } from './desktop-store.js';
import { Channel } from './ipc-channels.js';
import { menuTemplate } from './menu-template.js';
import { decideWindowOpen, isAppNavigation, isPermissionGranted } from './navigation-guard.js';
import { ServerSwitch } from './server-choice.js';
import { ServerSupervisor, type ServerFailure, type ServerProcess } from './server-supervisor.js';
import { parseSession, SessionVault } from './session-vault.js';
import { createMainWindow, restoreBounds } from './window-options.js';

const here = __dirname; // the bundle's folder: electron/dist
// A separate profile on request (end-to-end tests, a portable copy).
if (process.env.MESSENGER_USER_DATA) app.setPath('userData', process.env.MESSENGER_USER_DATA);
const stateFile = join(app.getPath('userData'), 'desktop.json');
const dataDir = join(app.getPath('userData'), 'data');
const state: DesktopState = loadDesktopState(stateFile);
const vault = new SessionVault({
  file: join(app.getPath('userData'), 'session.bin'),
  keychain: safeStorage,
  platform: process.platform,
  server: state.serverUrl ?? 'built-in',
});
let window: BrowserWindow | null = null;
let tray: Tray | null = null;
let appOrigin = '';
let supervisor: ServerSupervisor | null = null;

if (!app.requestSingleInstanceLock()) app.quit(); // a second launch hands over to the first

function remember(change: Partial<DesktopState>) {
  Object.assign(state, change);
  saveDesktopState(stateFile, state);
}

/** A native dialog, modal to the window when there is one. */
async function ask(options: MessageBoxOptions): Promise<number> {
  const { response } = await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  return response;
}

/**
 * Said once, the first time a sign-in cannot be kept: without a keychain the session is
 * never written to disk, so the user signs in at every launch and should know why.
 */
async function tellNoKeychain() {
  if (state.toldNoKeychain) return;
  remember({ toldNoKeychain: true });
  await ask({
    type: 'info',
    title: 'Messenger',
    message: 'Messenger will not remember this sign-in after you quit',
    detail:
      'This system has no keychain Messenger can keep your session in (on Linux, GNOME Keyring or KWallet). Rather than write it to disk unprotected, Messenger keeps it only while it runs: you will sign in again at the next launch.',
    buttons: ['OK'],
  });
}

/** The page asks; the user decides in a native dialog; only then is the choice saved and the app restarted. */
const serverSwitch = new ServerSwitch({
  ask,
  switchTo: (url) => {
    remember({ serverUrl: url ?? undefined });
    app.relaunch();
    app.quit();
  },
});

/** Only the app's own page may talk to the main process. */
function fromApp(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  return isAppNavigation(event.senderFrame?.url ?? '', appOrigin);
}

function showWindow() {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** The embedded server in a utility process, with a per-launch app token. */
function forkServer(port: number): ServerProcess {
  const child = utilityProcess.fork(
    join(here, 'server.mjs'),
    ['--data-dir', dataDir, '--port', String(port), '--log-level', 'warn'],
    {
      serviceName: 'Messenger server',
      env: {
        ...process.env,
        EMBEDDED_SERVER_APP_TOKEN: randomBytes(32).toString('hex'),
        MESSENGER_RENDERER_DIR: join(here, '..', '..', 'renderer', 'dist'),
      },
    },
  );
  return {
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    postMessage: (message) => child.postMessage(message),
    kill: () => void child.kill(),
  };
}

/**
 * The server can never start with the data as it is: say what happened and what to do,
 * offer the data folder, and quit. The fix (update, move the file aside, restore a backup,
 * free space) happens outside the app; starting it again is the retry.
 */
async function reportFatal({ message }: ServerFailure) {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'Messenger',
    message: 'Messenger cannot open its data',
    detail: message,
    buttons: ['Open Data Folder', 'Quit'],
    defaultId: 0,
    cancelId: 1,
  });
  if (response === 0) await shell.openPath(dataDir);
  app.quit();
}

function createWindow(url: string) {
  appOrigin = new URL(url).origin;
  const displays = screen.getAllDisplays().map((d) => d.workArea);
  const bounds = restoreBounds(state.bounds, displays);
  window = createMainWindow(BrowserWindow, bounds, join(here, 'preload.cjs'), 'Messenger');
  if (bounds.maximized) window.maximize();
  window.once('ready-to-show', () => window?.show());
  window.on('close', () => {
    if (!window) return;
    remember({ bounds: { ...window.getNormalBounds(), maximized: window.isMaximized() } });
  });
  window.on('closed', () => (window = null));

  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url: target }) => {
    const decision = decideWindowOpen(target);
    // Only http(s) links get this far (decideWindowOpen): the system browser opens them, never
    // a file, a share or another app's URL scheme. The scan's review request is answered here.
    if (decision.openExternally) void shell.openExternal(decision.openExternally); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: decision.action };
  });
  const stayOnApp = (event: { preventDefault(): void }, target: string) => {
    if (!isAppNavigation(target, appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  void window.loadURL(url);
}

function setUpSession() {
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(isPermissionGranted(permission, contents.getURL(), appOrigin, mediaTypes));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin, details) =>
    isPermissionGranted(permission, origin, appOrigin, details.mediaType ? [details.mediaType] : []),
  );
}

function setUpIpc() {
  ipcMain.handle(Channel.info, (event) =>
    fromApp(event) ? { version: app.getVersion(), platform: process.platform } : null,
  );
  ipcMain.handle(Channel.getServerUrl, (event) => (fromApp(event) ? (state.serverUrl ?? null) : null));
  ipcMain.handle(Channel.setServerUrl, (event, value: unknown) =>
    fromApp(event) ? serverSwitch.request(value) : 'cancelled',
  );
  ipcMain.handle(Channel.loadSession, (event) => (fromApp(event) ? vault.load() : null));
  ipcMain.handle(Channel.saveSession, async (event, value: unknown) => {
    if (!fromApp(event)) return;
    const session = value === null ? null : parseSession(value);
    if (value !== null && session === null) return;
    try {
      await vault.save(session);
    } catch (error) {
      // Kept in memory all the same: the user stays signed in until the app quits.
      console.error(`Messenger: the session could not be saved: ${String(error)}`);
      return;
    }
    if (session && !(await vault.keepsAcrossLaunches())) void tellNoKeychain();
  });
  ipcMain.on(Channel.badge, (event, counts: DesktopBadge) => {
    if (!fromApp(event)) return;
    const total = badgeTotal(counts);
    app.setBadgeCount(total);
    tray?.setToolTip(total > 0 ? `Messenger (${total})` : 'Messenger');
  });
  ipcMain.on(Channel.notify, (event, payload: { title?: unknown; body?: unknown; target?: unknown }) => {
    if (!fromApp(event) || !Notification.isSupported()) return;
    if (!shouldNotify({ windowFocused: window?.isFocused() ?? false, muted: state.muted === true })) return;
    const text = notificationText(payload.title, payload.body);
    if (!text) return;
    const target = parseOpenTarget(payload.target);
    const notification = new Notification({ ...text, silent: false });
    notification.on('click', () => {
      showWindow();
      if (target) window?.webContents.send(Channel.openTarget, target);
    });
    notification.show();
  });
}

function setUpTrayAndMenu() {
  const send = (command: string) => window?.webContents.send(Channel.command, command);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate(send, process.platform === 'darwin') as MenuItemConstructorOptions[]),
  );
  tray = new Tray(nativeImage.createFromPath(join(here, '..', 'assets', 'tray.png')));
  const trayMenu = () =>
    Menu.buildFromTemplate([
      { label: 'Open Messenger', click: showWindow },
      {
        label: 'Mute notifications',
        type: 'checkbox',
        checked: state.muted === true,
        click: (item) => remember({ muted: item.checked }),
      },
      { type: 'separator' },
      { label: 'Quit', role: 'quit' },
    ]);
  tray.setToolTip('Messenger');
  tray.setContextMenu(trayMenu());
  tray.on('click', showWindow);
}

function start() {
  setUpIpc();
  setUpTrayAndMenu();
  // After sleep, the renderer reconnects at once and catches up.
  powerMonitor.on('resume', () => window?.webContents.send(Channel.resume));

  if (state.serverUrl) {
    createWindow(state.serverUrl);
    setUpSession();
    return;
  }
  supervisor = new ServerSupervisor({
    fork: forkServer,
    onReady: (url) => {
      const port = Number(new URL(url).port);
      // The page's own storage (settings, drafts, navigation) stays with the old origin; the session is ours.
      if (state.port && port !== state.port) console.warn(`Messenger: port ${state.port} is taken; now on ${port}.`);
      remember({ port });
      if (!window) {
        createWindow(url);
        setUpSession();
      } else if (new URL(url).origin !== appOrigin) {
        appOrigin = new URL(url).origin;
        void window.loadURL(url);
      }
    },
    onGiveUp: (reason) => {
      console.error(`Messenger: ${reason}`);
      app.quit();
    },
    onFatal: (failure) => void reportFatal(failure),
  });
  supervisor.start(state.port ?? 0);
}

app.on('second-instance', showWindow);
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', showWindow);
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !supervisor) return;
  // Let the server close its connections and checkpoint the database first.
  event.preventDefault();
  quitting = true;
  void supervisor.stop().then(() => app.quit());
});
void app.whenReady().then(start);
