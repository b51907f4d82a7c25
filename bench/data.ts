/**
 * `npm run bench:data -- --users 10000 --messages 1000000 --notifications 200000 --out DIR`
 *
 * Generates a realistic dataset straight into a data folder that `--data-dir DIR` opens.
 * With `--store postgres --database URL` it then copies it into that empty PostgreSQL
 * database, which `--data-dir DIR --database URL` serves (the folder keeps the app token
 * and bench.json).
 */
import { parseArgs } from 'node:util';
import { generateDataset } from './dataset/generate.js';
import { loadIntoPostgres } from './dataset/postgres-load.js';

const USAGE = `Usage: npm run bench:data -- --out DIR [--users 10000] [--messages 1000000] [--notifications 200000]
  [--seed N] [--force] [--store postgres --database postgres://USER@HOST:PORT/DB]`;

function wholeNumber(name: string, value: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      users: { type: 'string', default: '10000' },
      messages: { type: 'string', default: '1000000' },
      notifications: { type: 'string', default: '200000' },
      seed: { type: 'string' },
      force: { type: 'boolean', default: false },
      store: { type: 'string', default: 'sqlite' },
      database: { type: 'string' },
    },
  });
  if (!values.out) throw new Error('--out is required');
  if (values.store !== 'sqlite' && values.store !== 'postgres')
    throw new Error(`--store takes sqlite (the default) or postgres; not ${values.store}`);
  if ((values.store === 'postgres') !== (values.database !== undefined))
    throw new Error('--store postgres and --database URL go together');
  const manifest = await generateDataset({
    out: values.out,
    users: wholeNumber('users', values.users),
    messages: wholeNumber('messages', values.messages),
    notifications: wholeNumber('notifications', values.notifications),
    seed: values.seed === undefined ? undefined : wholeNumber('seed', values.seed),
    force: values.force,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const { totals, timings } = manifest;
  process.stdout.write(
    `Dataset written to ${values.out} in ${(timings.totalMs / 1000).toFixed(1)} s.\n` +
      `Rows: ${Object.entries(totals)
        .map(([table, n]) => `${table} ${n}`)
        .join(', ')}\n` +
      `Every user's password: ${manifest.password} (user names user00001, user00002, …); tokens in bench.json.\n`,
  );
  if (values.database) {
    const copy = await loadIntoPostgres(values.out, values.database, (line) => process.stderr.write(`${line}\n`));
    process.stdout.write(
      `Copied into PostgreSQL in ${(copy.timings.totalMs / 1000).toFixed(1)} s; serve it with ` +
        `npm run server -- --data-dir ${values.out} --database ${values.database}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(1);
});
