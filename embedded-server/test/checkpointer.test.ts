import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../src/db/checkpointer.js';
import { silentLog } from '../src/db/migrations/index.js';
import { closeDatabase, openDatabase } from '../src/db/open.js';

const folder = mkdtempSync(join(tmpdir(), 'messenger-checkpointer-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const MB = 1024 * 1024;
const sizeOf = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;

describe('the background checkpointer', () => {
  it('keeps the WAL small while the server writes, copying it into the database file from its own thread', async () => {
    const file = join(folder, 'busy.sqlite');
    const db = openDatabase(file);
    db.exec('CREATE TABLE filler (body BLOB)');
    const checkpointer = startCheckpointer(db, file, silentLog);
    const insert = db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
    const write100KB = db.transaction(() => {
      for (let i = 0; i < 25; i++) insert.run();
    });
    // 25 MB in small commits, the event loop free between them, as a server writes. The
    // server's connection checkpoints only past 16 MiB: the thread keeps the WAL well below.
    for (let i = 0; i < 250; i++) {
      write100KB();
      await sleep(10);
    }
    for (let waited = 0; sizeOf(file) < 20 * MB && waited < 20_000; waited += 50) await sleep(50);
    expect(sizeOf(file)).toBeGreaterThanOrEqual(20 * MB);
    expect(sizeOf(`${file}-wal`)).toBeLessThan(8 * MB);

    await checkpointer.stop();
    closeDatabase(db);
    expect(sizeOf(`${file}-wal`)).toBe(0);
  }, 60_000);
});
