import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { SAMPLES } from './sample-files.js';

/** What the server writes is its user's alone: folders 0700, files 0600. */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const modeOf = (path: string) => statSync(path).mode & 0o777;

it('keeps the database, its log and the attachments readable by their owner only', async () => {
  const alice = await t.signUp('alice');
  const upload = await t.request('POST', '/api/attachments', {
    token: alice.token,
    raw: new Blob([new Uint8Array(SAMPLES['image/png']!)]),
    headers: { 'content-type': 'image/png' },
  });
  expect(upload.status, upload.text).toBe(201);

  for (const name of readdirSync(t.dataDir).filter((file) => file.startsWith('messenger.db')))
    expect(modeOf(join(t.dataDir, name)), name).toBe(0o600);
  const attachments = join(t.dataDir, 'attachments');
  for (const folder of readdirSync(attachments)) {
    expect(modeOf(join(attachments, folder)), folder).toBe(0o700);
    for (const file of readdirSync(join(attachments, folder)))
      expect(modeOf(join(attachments, folder, file)), file).toBe(0o600);
  }
});
