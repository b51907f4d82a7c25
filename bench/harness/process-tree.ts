import { readdirSync, readFileSync } from 'node:fs';

/** /proc reports CPU time in clock ticks of 1/100 s (USER_HZ) on Linux. */
const TICK_MS = 10;

interface ProcStat {
  pid: number;
  command: string;
  parent: number;
  /** User + system time of the process itself. */
  ownMs: number;
  /** User + system time of its children that have exited and been waited for. */
  reapedMs: number;
}

function procStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // The command name may hold spaces; the fields after it are space-separated, from field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = (i: number) => Number(fields[i]) * TICK_MS;
    return {
      pid,
      command,
      parent: Number(fields[1]),
      ownMs: ticks(11) + ticks(12),
      reapedMs: ticks(13) + ticks(14),
    };
  } catch {
    return null;
  }
}

function everyProcess(): ProcStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => procStat(Number(name)) ?? []);
}

/**
 * CPU milliseconds a process and its direct children have used so far, counting the
 * children that already exited (reaped, so the kernel added them to the parent's
 * children's time): what a PostgreSQL server spent, its postmaster and every backend,
 * however many connections came and went. Null where /proc is missing.
 */
export function processTreeCpuMs(pid: number): number | null {
  const root = procStat(pid);
  if (!root) return null;
  const live = everyProcess().filter((p) => p.parent === pid);
  return root.ownMs + root.reapedMs + live.reduce((sum, p) => sum + p.ownMs, 0);
}

/** The parent of a process, or null where /proc is missing. */
export function parentOf(pid: number): number | null {
  return procStat(pid)?.parent ?? null;
}

/** The children of this process running `command` (as /proc names it). */
export function childrenNamed(command: string): number[] {
  return everyProcess()
    .filter((p) => p.parent === process.pid && p.command === command)
    .map((p) => p.pid);
}
