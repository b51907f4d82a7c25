/**
 * `npm run conformance -- --url U --token T --app-token A [--app-id JH] [--username NAME]
 * [--allow-writes] [--report out.md] [--junit out.xml]`: the seed-contract checks against
 * any server. The Markdown report goes to stdout too; the exit code is 1 when a check failed.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runChecks } from './checks.js';
import { junitReport, markdownReport, totals } from './report.js';

const USAGE =
  'usage: npm run conformance -- --url URL --token USER_TOKEN --app-token APP_TOKEN [--app-id JH] [--username NAME] [--allow-writes] [--report out.md] [--junit out.xml]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        'app-token': { type: 'string' },
        'app-id': { type: 'string', default: 'JH' },
        username: { type: 'string' },
        'allow-writes': { type: 'boolean', default: false },
        report: { type: 'string' },
        junit: { type: 'string' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { url, token } = values;
  const appToken = values['app-token'];
  if (!url || !token || !appToken) {
    process.stderr.write(`--url, --token and --app-token are needed.\n${USAGE}\n`);
    return 2;
  }
  const results = await runChecks({
    url,
    token,
    appToken,
    appId: values['app-id'],
    username: values.username,
    allowWrites: values['allow-writes'],
  });
  const markdown = markdownReport(results, url);
  process.stdout.write(markdown);
  if (values.report) writeFileSync(values.report, markdown);
  if (values.junit) writeFileSync(values.junit, junitReport(results));
  return totals(results).failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The checks could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
