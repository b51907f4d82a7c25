import { cpSync, rmSync } from 'node:fs';
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
  return copy;
}
