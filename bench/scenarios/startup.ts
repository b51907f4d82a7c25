import { startServerChild, type StartupTimings } from '../harness/server-child.js';
import { median } from '../harness/stats.js';

export interface StartupFigures {
  runs: StartupTimings[];
  /** Median of each timing over the runs. */
  median: StartupTimings;
}

/**
 * Time to ready: the server is started on the folder and stopped again, several times
 * (the file is then in the OS cache, as on a desktop that just ran the app). Each run
 * reports the whole (spawn to ready line) and its parts: Node's start with loading the
 * server's modules, and startServer() (opening the store, building the routes,
 * listening). Started from the TypeScript sources (as `npm run server` does, compiled on
 * the fly by tsx) or from a bundle (as the desktop app ships it).
 */
export async function measureStartup(
  dataDir: string,
  runs: number,
  logFile: string,
  bundle?: string,
): Promise<StartupFigures> {
  const timings: StartupTimings[] = [];
  for (let i = 0; i < runs; i++) {
    const server = await startServerChild({ dataDir, logFile, bundle });
    timings.push(server.startup);
    await server.stop();
  }
  const middle = (pick: (t: StartupTimings) => number) => median(timings.map(pick));
  return {
    runs: timings,
    median: {
      spawnToReadyMs: middle((t) => t.spawnToReadyMs),
      loadMs: middle((t) => t.loadMs),
      startServerMs: middle((t) => t.startServerMs),
    },
  };
}
