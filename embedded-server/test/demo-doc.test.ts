import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { demoStartingState, demoStateTable } from './demo-state.js';

/**
 * docs/demo.md lists where each demo user starts. The table there is what the server reports
 * for a freshly seeded demo; this test fails when the two part, so the table cannot go stale.
 * `DEMO_DOC_WRITE=1` writes the server's table into the document instead (then review the diff).
 */
const DOC = fileURLToPath(new URL('../../docs/demo.md', import.meta.url));
const START = '<!-- demo-state:start (written from the server by embedded-server/test/demo-doc.test.ts) -->';
const END = '<!-- demo-state:end -->';

/** A Markdown table's cells, row by row: the same however its columns are padded. */
const cellsOf = (table: string) =>
  table
    .trim()
    .split('\n')
    .map((row) =>
      row
        .split('|')
        .map((cell) => cell.trim().replace(/^-{3,}$/, '---'))
        .join('|'),
    )
    .join('\n');

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ demo: true });
});
afterAll(() => t.close());

describe('docs/demo.md', () => {
  it('shows the starting state the server reports for every demo user', async () => {
    const table = demoStateTable(await demoStartingState(t));
    const doc = readFileSync(DOC, 'utf8');
    const from = doc.indexOf(START);
    const to = doc.indexOf(END);
    expect(from, `docs/demo.md needs the lines ${START} and ${END}`).toBeGreaterThanOrEqual(0);
    expect(to).toBeGreaterThan(from);
    const written = doc.slice(from + START.length, to);
    if (process.env.DEMO_DOC_WRITE === '1' && cellsOf(written) !== cellsOf(table))
      writeFileSync(DOC, `${doc.slice(0, from + START.length)}\n\n${table}\n\n${doc.slice(to)}`);
    else expect(cellsOf(written)).toBe(cellsOf(table));
  });
});
