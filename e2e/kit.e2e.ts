import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const root = fileURLToPath(new URL('../', import.meta.url));
const startAndStop =
  "import('./e2e/kit/index.ts').then(async ({ startServer }) => { const s = await startServer(); await s.stop(); console.log('stopped'); })";

test('the server the kit starts says nothing in a terminal: no hint for a person, no stopping narration', () => {
  // `script` gives the run a terminal of its own, where the server's hint for a person would show.
  const run = spawnSync('script', ['-qec', `node --import tsx -e "${startAndStop}"`, '/dev/null'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout.replace(/\r/g, '').trim()).toBe('stopped');
});
