import type { BrowserWindowConstructorOptions } from 'electron';

/** The window's size and place, remembered between launches. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1200, height: 800 };
export const MIN_SIZE = { width: 900, height: 600 };

/** Electron's `BrowserWindow`, handed in by main.ts; tests hand in a stand-in that records its options. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Opens the app's window. The renderer's web preferences are each stated on purpose: the
 * page gets no Node.js, runs in a separate JavaScript world from the preload
 * (contextIsolation), in Chromium's OS sandbox, with web security on. They are written out
 * in the `new BrowserWindow({...})` call itself so that the static Electron security scan
 * (`npm run security:electron`), which reads only that literal, sees every one of them.
 */
export function createMainWindow<W>(
  BrowserWindow: WindowConstructor<W>,
  bounds: WindowBounds,
  preloadPath: string,
  title: string,
): W {
  return new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title,
    show: false, // shown once ready, so no white flash
    autoHideMenuBar: false,
    webPreferences: {
      // The preload runs sandboxed and hands the page only the functions in preload.ts; the
      // scan's review request for any preload is answered in docs/architecture.md.
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A middle click must not open a link in a new window behind the open handler's back.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
}

interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Remembered bounds, if they still fit: a window saved on a monitor that is gone would
 * open off screen, so it then opens centred at the remembered size instead.
 */
export function restoreBounds(saved: unknown, displays: readonly Area[]): WindowBounds {
  if (typeof saved !== 'object' || saved === null) return DEFAULT_BOUNDS;
  const { x, y, width, height, maximized } = saved as Record<string, unknown>;
  if (typeof width !== 'number' || typeof height !== 'number') return DEFAULT_BOUNDS;
  const size = { width: Math.max(MIN_SIZE.width, width), height: Math.max(MIN_SIZE.height, height) };
  const placed =
    typeof x === 'number' &&
    typeof y === 'number' &&
    displays.some((d) => x >= d.x && y >= d.y && x + 100 <= d.x + d.width && y + 50 <= d.y + d.height);
  return { ...size, ...(placed ? { x, y } : {}), maximized: maximized === true };
}
