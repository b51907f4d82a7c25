/**
 * Debian's Chromium (`apt-get install chromium`), as the end-to-end tests, the screen
 * renders and the renderer benchmark launch it: Playwright's own browser download cannot
 * work on our build machines. No sandbox (CI runs as root), no GPU, and none of the
 * browser's own background traffic.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
