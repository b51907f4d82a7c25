/** A run's results as a Markdown table (for a person) and as JUnit XML (for CI). */
import type { CheckResult } from './checks.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function totals(results: readonly CheckResult[]) {
  const count = (outcome: CheckResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return { passed: count('pass'), failed: count('fail'), skipped: count('skip') };
}

export function markdownReport(results: readonly CheckResult[], url: string): string {
  const { passed, failed, skipped } = totals(results);
  return [
    `# Seed-contract conformance: ${url}`,
    '',
    `${passed} passed, ${failed} failed, ${skipped} skipped.`,
    '',
    '| dialect | endpoint | check | result | detail |',
    '| --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.dialect} | \`${cell(r.endpoint)}\` | ${cell(r.check)} | ${r.outcome.toUpperCase()} | ${cell(r.detail)} |`,
    ),
    '',
  ].join('\n');
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One test suite per dialect, one test case per check. */
export function junitReport(results: readonly CheckResult[]): string {
  const dialects = [...new Set(results.map((r) => r.dialect))];
  const suites = dialects.map((dialect) => {
    const own = results.filter((r) => r.dialect === dialect);
    const { failed, skipped } = totals(own);
    const cases = own.map((r) => {
      const name = xml(`${r.endpoint}: ${r.check}`);
      const inner =
        r.outcome === 'fail'
          ? `<failure message="${xml(r.detail)}"/>`
          : r.outcome === 'skip'
            ? `<skipped message="${xml(r.detail)}"/>`
            : '';
      return `    <testcase classname="conformance.${dialect}" name="${name}">${inner}</testcase>`;
    });
    return [
      `  <testsuite name="${dialect}" tests="${own.length}" failures="${failed}" skipped="${skipped}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const { failed, skipped } = totals(results);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="conformance" tests="${results.length}" failures="${failed}" skipped="${skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
