import { closeSync, cpSync, fsyncSync, openSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A copy of a generated dataset for one run to serve. The scenarios write to what they are
 * served from (real time and ingest add messages, the renderer marks them read, the server
 * takes its daily snapshot): served in place, a dataset kept for later runs (`--reuse-data`)
 * would grow with each of them, and their figures would no longer be the dataset's.
 */
export function workingCopy(generated: string): string {
  const copy = `${generated}.run`;
  rmSync(copy, { recursive: true, force: true });
  // Snapshots the server took of the generated folder are no part of the dataset.
  const snapshots = join(generated, 'backups');
  cpSync(generated, copy, { recursive: true, filter: (source) => source !== snapshots });
  // On disk before it is served: the first commits' flushes would otherwise wait on the copy's
  // own writes (half a gigabyte for 1M messages), and the first writes measured would be slower.
  for (const entry of readdirSync(copy, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const fd = openSync(join(copy, entry.name), 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return copy;
}
