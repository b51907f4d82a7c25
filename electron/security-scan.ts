/**
 * `npm run security:electron`: Electronegativity's static scan of the desktop shell. It
 * fails on any HIGH or MEDIUM finding, whatever the scanner's confidence in it, and on any
 * source file the scanner could not parse (a file it cannot read is a file it did not check).
 *
 * What it scans, and what it leaves out, is explained in docs/architecture.md (security
 * section). In short:
 * - electron/src with every check but two: the one that needs the network, and the CSP one,
 *   which cannot see the CSP the server sends; that policy is evaluated here instead, with the
 *   same CSP evaluator the scanner uses.
 * - package.json, for the checks that read the npm scripts launching Electron (dangerous
 *   command-line switches, security warnings turned off).
 * The bundle in electron/dist is not scanned: it is built from the same sources, and the
 * scanner reads only .js/.ts/.html/.json files, not its .cjs/.mjs ones.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RENDERER_CSP } from '../embedded-server/src/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);

/** The checks left out of the scan, each with why (see docs/architecture.md). */
const EXCLUDED_CHECKS: Record<string, string> = {
  AvailableSecurityFixesGlobalCheck:
    "downloads Electron's release list at run time, which the build machines cannot reach; npm audit covers Electron's advisories",
  CSPGlobalCheck:
    'sees only <meta> tags and Electron header overrides; the renderer gets its CSP as an HTTP header from the server, evaluated below',
};

/** The checks that read package.json's npm scripts. */
const PACKAGE_JSON_CHECKS = ['CustomArgumentsJSONCheck', 'SecurityWarningsDisabledJSONCheck'];

// Electronegativity's programmatic interface (it ships no types): the parts used here.
interface Level {
  value: number;
  name: string;
}
interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  sample?: string;
  severity: Level;
  confidence: Level;
  manualReview: boolean;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Issue[];
}
interface ScanOptions {
  input: string;
  electronVersionOverride: string;
  customScan?: string[];
  excludeFromScan?: string[];
}
const scan = require('@doyensec/electronegativity') as (options: ScanOptions, forCli: boolean) => Promise<ScanResult>;

// The scanner's own CSP evaluator (Google's CSP Evaluator), resolved from the scanner's folder.
const csp = createRequire(require.resolve('@doyensec/electronegativity'))('@doyensec/csp-evaluator') as {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (
    policy: unknown,
    version: unknown,
  ) => { evaluate(): { severity: number; directive: string; description: string }[] };
  Version: { CSP3: unknown };
  severities: Record<string, number>;
};

/** HIGH and MEDIUM fail the scan; LOW and INFORMATIONAL are shown only. */
const FAILING_SEVERITY = 2;

const electronVersion = (
  JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }
).version;
let failed = false;

async function runPass(label: string, options: Omit<ScanOptions, 'electronVersionOverride'>) {
  const result = await scan({ ...options, electronVersionOverride: electronVersion }, false);
  console.log(`\n${label}: ${result.atomicChecks} atomic and ${result.globalChecks} global checks`);
  for (const error of result.errors) {
    console.log(
      `  ${error.tolerable ? 'parse warning' : 'NOT SCANNED'}: ${relative(root, error.file)}: ${error.message}`,
    );
    if (!error.tolerable) failed = true;
  }
  if (result.atomicChecks === 0) {
    console.log('  no checks ran');
    failed = true;
  }
  for (const issue of result.issues) {
    const fails = issue.severity.value >= FAILING_SEVERITY;
    if (fails) failed = true;
    const where = issue.file === 'N/A' ? '(whole app)' : `${relative(root, issue.file)}:${issue.location.line}`;
    console.log(
      `  ${fails ? 'FAIL' : 'note'} ${issue.severity.name}/${issue.confidence.name} ${issue.id} ${where}` +
        `${issue.manualReview ? ' (review required)' : ''}\n    ${issue.description.trim()}` +
        (issue.sample ? `\n    > ${issue.sample.trim()}` : ''),
    );
  }
  if (result.issues.length === 0) console.log('  no findings');
}

/** The CSP the server sends with the renderer's pages, through the evaluator the excluded check uses. */
function checkRendererCsp() {
  console.log(`\nrenderer CSP (embedded-server/src/app.ts): ${RENDERER_CSP}`);
  const evaluator = new csp.CspEvaluator(new csp.CspParser(RENDERER_CSP).csp, csp.Version.CSP3);
  const failing = new Set([csp.severities.HIGH, csp.severities.SYNTAX, csp.severities.MEDIUM]);
  const findings = evaluator.evaluate();
  for (const finding of findings) {
    const fails = failing.has(finding.severity);
    if (fails) failed = true;
    // "Maybe" findings depend on what the origin hosts; docs/architecture.md answers each one.
    console.log(`  ${fails ? 'FAIL' : 'note'} ${finding.directive}: ${finding.description}`);
  }
  if (findings.length === 0) console.log('  no findings');
}

console.log(`Electronegativity, assuming Electron ${electronVersion}`);
for (const [check, why] of Object.entries(EXCLUDED_CHECKS)) console.log(`  not run: ${check}: ${why}`);
await runPass('electron/src', { input: `${root}electron/src`, excludeFromScan: Object.keys(EXCLUDED_CHECKS) });
await runPass('package.json scripts', { input: `${root}package.json`, customScan: PACKAGE_JSON_CHECKS });
checkRendererCsp();
console.log(failed ? '\nElectron security scan: FAILED' : '\nElectron security scan: passed');
process.exitCode = failed ? 1 : 0;
