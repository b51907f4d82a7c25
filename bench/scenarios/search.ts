import { tokenOf, type BenchManifest } from '../dataset/manifest.js';
import { measureLoad } from '../harness/load.js';
import { summarize, type LatencySummary } from '../harness/stats.js';

export interface SearchFigures {
  connections: number;
  /** The reader (in the busiest windows) and a typical user (about the median number of messages in their windows). */
  searchers: { role: 'reader' | 'typical user'; userId: number }[];
  terms: {
    term: string;
    note: string;
    bySearcher: { role: string; results: number; latency: LatencySummary }[];
  }[];
  /** Every search of every term by every searcher together. */
  overall: LatencySummary;
}

/**
 * `GET /api/search`, one term after another, the same number of searches each, on one
 * connection (a person typing a query waits for one answer at a time), as the reader
 * (whose windows hold a third of all messages) and as a typical user (a few quiet
 * windows): a rare term is found by walking everyone's full-text matches, a common one by
 * looking through the caller's own rows, so who asks matters. Chinese and English terms,
 * common and rare, and two-character ones (which cannot use the trigram index).
 */
export async function measureSearch(
  serverUrl: string,
  manifest: BenchManifest,
  options: { perTerm: number; warmupS: number; progress: (line: string) => void },
): Promise<SearchFigures> {
  const searchers: SearchFigures['searchers'] = [
    { role: 'reader', userId: manifest.reader.id },
    { role: 'typical user', userId: manifest.probes.typicalUserId },
  ];
  const terms: SearchFigures['terms'] = [];
  const all: number[] = [];
  for (const { term, note } of manifest.searchTerms) {
    const path = `/api/search?q=${encodeURIComponent(term)}&limit=20`;
    const bySearcher: SearchFigures['terms'][number]['bySearcher'] = [];
    for (const { role, userId } of searchers) {
      const headers = { authorization: `Bearer ${tokenOf(manifest, userId)}` };
      const answer = (await (await fetch(serverUrl + path, { headers })).json()) as { data: unknown[] };
      const result = await measureLoad({
        url: serverUrl,
        path,
        headers,
        connections: 1,
        durationS: 120,
        amount: options.perTerm,
        warmupS: options.warmupS,
        keepSamples: true,
      });
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`search ${term}: ${result.non2xx} non-2xx replies`);
      all.push(...result.samples!);
      bySearcher.push({ role, results: answer.data.length, latency: result.latency });
      options.progress(
        `  search "${term}" as the ${role}: p50 ${result.latency.p50.toFixed(2)} ms, ` +
          `p99 ${result.latency.p99.toFixed(2)} ms (${answer.data.length} results)`,
      );
    }
    terms.push({ term, note, bySearcher });
  }
  return { connections: 1, searchers, terms, overall: summarize(all) };
}
