/**
 * Debian's Chromium (`apt-get install chromium`), as the end-to-end tests, the screen
 * renders and the renderer benchmark launch it: Playwright's own browser download cannot
 * work on our build machines. No sandbox (CI runs as root), no GPU, and none of the
 * browser's own background traffic. A fake microphone, granted without asking, stands in
 * for a real one (voice messages).
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
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
  ],
};
