import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPostgresStore } from '../../embedded-server/src/db/postgres/store.js';
import { DATABASE_FILE } from '../../embedded-server/src/server.js';

/**
 * Every table of the PostgreSQL schema, parents first. A table the migrations add and this
 * list misses stops the load (see `checkTables`) rather than leaving it empty.
 */
const TABLES = [
  'users',
  'tokens',
  'chat_windows',
  'window_members',
  'attachments',
  'chat_messages',
  'message_reactions',
  'message_mentions',
  'hidden_messages',
  'receipt_marks',
  'notifications',
  'inbox_counters',
  'notification_previous',
  'offline_messages',
  'projects',
  'project_members',
  'tasks',
  'invitations',
] as const;

/** Rows per INSERT: each column goes over as one array parameter, so the statement's size is not the limit. */
const BATCH_ROWS = 5000;

export interface PostgresLoad {
  rows: Record<string, number>;
  timings: { copyMs: number; indexMs: number; analyzeMs: number; totalMs: number };
}

/**
 * Copies the dataset in a generated data folder into the empty PostgreSQL database at `url`:
 * the schema from the server's own migrations (`createPostgresStore`), then every row of
 * every table as SQLite holds it (same ids, same counters), then the identity sequences set
 * past the highest id, so new rows get new ids.
 *
 * As the SQLite generator does, it sets the secondary indexes aside during the load and
 * builds them again afterwards exactly as the migrations wrote them; triggers (the inbox
 * counters, a notification's previous state) and foreign-key checks are off for the load,
 * since their results are copied too. Then VACUUM (ANALYZE): the planner learns the tables'
 * sizes, and every page is marked all-visible with its hint bits set, as on a database that
 * has been running a while. Without it, the first reads write those bits into each page they
 * touch and index-only scans visit the heap, and autovacuum starts on the new rows while the
 * first figures are being taken. Then a CHECKPOINT: otherwise the load's gigabyte of dirty
 * pages is written out during the first minutes of measuring, and the first writes measured
 * queue behind it (a send taking 2 s instead of 10 ms across instances).
 */
export async function loadIntoPostgres(
  dataDir: string,
  url: string,
  log: (line: string) => void = () => undefined,
): Promise<PostgresLoad> {
  const began = performance.now();
  const store = await createPostgresStore(url);
  await store.close();

  const sqlite = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await checkTables(client);
    await client.query("SET maintenance_work_mem = '512MB'");
    await client.query('BEGIN');
    // Replica mode fires neither triggers nor foreign-key checks: the rows they would write are copied.
    await client.query('SET LOCAL session_replication_role = replica');
    const indexes = await setIndexesAside(client);
    const rows: Record<string, number> = {};
    for (const table of TABLES) rows[table] = await copyTable(sqlite, client, table);
    const copied = performance.now();
    log(`copied into PostgreSQL in ${Math.round(copied - began)} ms`);
    for (const definition of indexes) await client.query(definition);
    await resetSequences(client);
    await client.query('COMMIT');
    const indexed = performance.now();
    log(`PostgreSQL indexes built in ${Math.round(indexed - copied)} ms`);
    await client.query('VACUUM (ANALYZE)');
    await client.query('CHECKPOINT');
    const analyzed = performance.now();
    return {
      rows,
      timings: {
        copyMs: Math.round(copied - began),
        indexMs: Math.round(indexed - copied),
        analyzeMs: Math.round(analyzed - indexed),
        totalMs: Math.round(analyzed - began),
      },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
    sqlite.close();
  }
}

async function checkTables(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'",
  );
  const known = new Set<string>(TABLES);
  const missed = rows.map((r) => r.name).filter((name) => !known.has(name));
  if (missed.length > 0) throw new Error(`the PostgreSQL loader does not know the tables ${missed.join(', ')}`);
  const count = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (count.rows[0]!.n > 0) throw new Error('the PostgreSQL database already holds a dataset: give an empty one');
}

/** Drops the indexes that back no constraint; returns their definitions, to build them again. */
async function setIndexesAside(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
  );
  for (const { name } of rows) await client.query(`DROP INDEX ${name}`);
  return rows.map((r) => r.definition);
}

/** Copies one table's columns that both engines have, in batches of arrays unnested into rows. */
async function copyTable(sqlite: Database.Database, client: pg.Client, table: string): Promise<number> {
  const target = await client.query<{ name: string; type: string }>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [table],
  );
  const present = new Set((sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
  const columns = target.rows.filter((c) => present.has(c.name));
  const quoted = columns.map((c) => `"${c.name}"`).join(', ');
  const insert =
    `INSERT INTO ${table} (${quoted}) ` +
    `SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})`;
  let batch: unknown[][] = columns.map(() => []);
  let total = 0;
  const flush = async () => {
    if (batch[0]!.length === 0) return;
    await client.query(insert, batch);
    batch = columns.map(() => []);
  };
  for (const row of sqlite.prepare(`SELECT ${quoted} FROM ${table}`).raw().iterate() as Iterable<unknown[]>) {
    row.forEach((value, i) => batch[i]!.push(value));
    if (++total % BATCH_ROWS === 0) await flush();
  }
  await flush();
  return total;
}

/** Sets every identity sequence past its column's highest value. */
async function resetSequences(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND is_identity = 'YES'`,
  );
  for (const { table_name: table, column_name: column } of rows)
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max("${column}") FROM ${table}), 0) + 1, false)`,
      [table, column],
    );
}
