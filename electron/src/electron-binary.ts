import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { path: string } | { missing: string };

/**
 * Finds the Electron executable without triggering its lazy download (which cannot
 * work on machines without access to its download host), and says why when it is not
 * there. `ELECTRON_OVERRIDE_DIST_PATH` points at an Electron installed by other means.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'));
  if (!existsSync(binary))
    return {
      missing: `the Electron binary was never downloaded (${binary} does not exist; its download host is unreachable here)`,
    };
  return { path: binary };
}

/** Electron needs a display on Linux; a headless box (CI, a server) has none. */
export function displayProblem(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  if (platform !== 'linux') return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY ? null : 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}
