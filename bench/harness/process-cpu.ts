import { readFileSync } from 'node:fs';

/** /proc reports CPU time in clock ticks of 1/100 s (USER_HZ) on Linux. */
const TICK_MS = 10;

/**
 * CPU time (user + system) a process has used so far, in milliseconds, or null where
 * /proc is missing. Unlike wall-clock throughput it barely moves when other work shares
 * the machine, so the cost per request stays comparable between runs.
 */
export function cpuTimeMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; the fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** Runs `work` and returns its result with the CPU milliseconds process `pid` spent meanwhile. */
export async function withCpuTime<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; cpuMs: number | null }> {
  const before = cpuTimeMs(pid);
  const result = await work();
  const after = cpuTimeMs(pid);
  return { result, cpuMs: before === null || after === null ? null : after - before };
}

/**
 * Waits until the processes have gone quiet: less than `busyShare` of a core each over a
 * quarter of a second, twice in a row (at most `timeoutMs`). After a run that overloaded a
 * server, the requests it still had queued would otherwise run into the next measurement.
 */
export async function waitUntilQuiet(
  pids: number[],
  { busyShare = 0.1, timeoutMs = 120_000 }: { busyShare?: number; timeoutMs?: number } = {},
): Promise<void> {
  const STEP_MS = 250;
  const until = performance.now() + timeoutMs;
  let quietSteps = 0;
  let before = pids.map(cpuTimeMs);
  while (quietSteps < 2 && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, STEP_MS));
    const now = pids.map(cpuTimeMs);
    const busy = now.some((ms, i) => ms !== null && before[i] !== null && ms - before[i]! > busyShare * STEP_MS);
    quietSteps = busy ? 0 : quietSteps + 1;
    before = now;
  }
}
