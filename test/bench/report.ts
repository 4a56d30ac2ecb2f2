/**
 * The bench's table: each row Token Guard's figure, the baseline's, their ratio, the target and
 * PASS/FAIL (or "info" for rows without a target). Printed as Markdown so the same text goes to
 * the terminal and to RESULTS.md.
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Verdict = 'PASS' | 'FAIL' | 'info' | 'n/a';

export interface Row {
  measure: string;
  tokenGuard: string;
  baseline: string;
  ratio: string;
  target: string;
  verdict: Verdict;
}

/** Where the figures of every run are kept: test/bench/RESULTS.md in the source tree (this file runs from dist/test/bench). */
export const RESULTS_FILE = path.resolve(__dirname, '../../../test/bench/RESULTS.md');

export function machineLine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${os.platform()} ${os.release()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average at start ${load}`;
}

export function table(rows: Row[]): string {
  const header = ['Measure', 'Token Guard', 'Baseline', 'Ratio', 'Target', 'Result'];
  const lines = rows.map((r) => [r.measure, r.tokenGuard, r.baseline, r.ratio, r.target, r.verdict]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}

export function appendResults(section: string): void {
  if (!existsSync(RESULTS_FILE)) {
    writeFileSync(
      RESULTS_FILE,
      '# Token Guard bench results\n\n' +
        'Figures of every `npm run bench` run, newest last. Every figure is relative to a bare botbuilder\n' +
        'CloudAdapter echo bot measured in the same run on the same machine (see README.md beside this file).\n',
    );
  }
  appendFileSync(RESULTS_FILE, `\n${section}\n`);
}

export const fmt = {
  rps: (n: number, per = 's') => (Number.isFinite(n) ? `${n.toFixed(0)} req/${per}` : 'n/a'),
  ms: (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : n.toFixed(0)} ms` : 'n/a'),
  mib: (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`,
  ratio: (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—'),
};
