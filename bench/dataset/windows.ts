import type { BenchCast } from './cast.js';
import { directMembers, type ProjectPlan } from './projects.js';
import { chance, intBelow, shuffle, weightedSampler, zipfWeights, type Random } from './random.js';
import type { DatasetSize, PlannedWindow } from './model.js';

/** Each busy one-to-one window gets this share of all messages (120,000 of 1M). */
const BUSY_SHARE = 0.12;
/** All project groups together get this share, the largest group most of it. */
const GROUP_SHARE = 0.14;
/** The reader's own one-to-one windows besides the busy ones. */
const READER_WINDOWS = 150;
/**
 * The first of them are long: with the busy ones, the reader has ten long chats (the renderer
 * benchmark holds ten chats 10,000 messages back at once). Each gets this share (11,000 of 1M).
 */
const READER_LONG_WINDOWS = 8;
const LONG_SHARE = 0.011;
/** Opened, never written in. */
const EMPTY_SHARE = 0.03;

/**
 * Every chat window with its share of the messages: the busy pairs, the project groups,
 * the benchmark's pairs, the reader's many chats (a few of them long), and tens of thousands of quiet
 * chats between people drawn by how sociable they are (a few people talk to many).
 * Shares follow a Zipf law, so there are a few windows with thousands of messages and
 * a long tail with a handful.
 */
export function planWindows(
  size: DatasetSize,
  cast: BenchCast,
  projects: ProjectPlan,
  random: Random,
): PlannedWindow[] {
  const windows: PlannedWindow[] = [];
  const pairs = new Set<string>();
  const addDirect = (a: number, b: number): PlannedWindow | null => {
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (a === b || pairs.has(key)) return null;
    pairs.add(key);
    const window: PlannedWindow = {
      index: windows.length,
      id: 0,
      kind: 'direct',
      openerId: a,
      peerId: b,
      createdAt: 0,
      members: directMembers(a, b, 0),
      weight: 0,
      lastMessageId: null,
      lastActivityAt: 0,
    };
    windows.push(window);
    return window;
  };

  const busy = cast.busyPairs.map(([a, b]) => addDirect(a, b)!);
  busy[0]!.readerUnreadTail = 6;
  for (const [a, b] of [...cast.realtimePairs, ...cast.ingestPairs]) addDirect(a, b);
  const readerPartners = Math.min(READER_WINDOWS, Math.floor(size.users / 4));
  const readerWindows: PlannedWindow[] = [];
  for (let tries = 0; readerWindows.length < readerPartners && tries < readerPartners * 10; tries++) {
    const window = addDirect(cast.readerId, 2 + intBelow(random, size.users - 1));
    if (window) readerWindows.push(window);
  }
  const long = readerWindows.slice(0, READER_LONG_WINDOWS);

  // Sociability: people in a shuffled order, weighted 1/rank^0.7.
  const people = shuffle(
    random,
    Array.from({ length: size.users }, (_, i) => i + 1),
  );
  const drawPerson = weightedSampler(zipfWeights(size.users, 0.7));
  const target = Math.min(3 * size.users, Math.max(size.users, Math.floor(size.messages / 20)));
  for (let tries = 0; windows.length < target && tries < target * 10; tries++)
    addDirect(people[drawPerson(random)]!, people[drawPerson(random)]!);

  // Shares: the quiet windows' by a shuffled Zipf rank, a few of them empty.
  const quiet = windows.filter((w) => !busy.includes(w) && !long.includes(w));
  const quietShare = 1 - BUSY_SHARE * busy.length - LONG_SHARE * long.length - GROUP_SHARE;
  const ranks = zipfWeights(quiet.length, 1);
  shuffle(random, quiet);
  let quietTotal = 0;
  for (let i = 0; i < quiet.length; i++) quietTotal += ranks[i]!;
  quiet.forEach((window, i) => {
    window.weight = chance(random, EMPTY_SHARE) ? 0 : (quietShare * ranks[i]!) / quietTotal;
  });
  for (const window of busy) window.weight = BUSY_SHARE;
  for (const window of long) window.weight = LONG_SHARE;

  const groupRanks = zipfWeights(projects.projects.length, 1.2);
  let groupTotal = 0;
  for (const rank of groupRanks) groupTotal += rank;
  projects.projects.forEach((project, i) => {
    project.window.index = windows.length;
    project.window.weight = (GROUP_SHARE * groupRanks[i]!) / groupTotal;
    windows.push(project.window);
  });
  return windows;
}
