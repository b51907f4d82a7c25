/** The QA controls' requests (API.md §3c; docs/api.md, "QA controls"), for the server and for test kits. */

/** `POST /api/admin/clock`: set the time (running on from it, or frozen), or move it on. */
export type ClockChange = { now: number; frozen?: boolean } | { advanceMs: number };

/** One rule of `POST /api/admin/faults`: what it matches, and what it does to the next requests. */
export interface FaultRule {
  /** Any method when absent. */
  method?: string;
  /** A route pattern as registered, e.g. `/api/chat/:cId/messages`. */
  path: string;
  /** Answer this status in the called dialect's error format (before the work is done). */
  status?: number;
  /** Wait this long first. */
  delayMs?: number;
  /** How many requests it applies to; until cleared when absent. */
  times?: number;
  /** Do the work, then drop the connection instead of answering (to test client retries). */
  after?: boolean;
}
