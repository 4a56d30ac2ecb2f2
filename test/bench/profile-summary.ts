/**
 * `node profile-summary.js <file.cpuprofile> [top]`: where a `node --cpu-prof` profile spent its
 * time — self time per function and, more useful for finding the cause, total (inclusive) time
 * per function of our own code (src/) — so a failing bench row can be explained in the issue.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function main(): void {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
  const top = Number(topArg ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + us);
    // Each function counted once per sample stack, however often it recurs.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }
  const print = (title: string, entries: [string, number][]) => {
    process.stdout.write(`\n${title}\n`);
    for (const [l, us] of entries.slice(0, top)) process.stdout.write(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${l}\n`);
  };
  process.stdout.write(`total sampled: ${(total / 1000).toFixed(0)} ms\n`);
  print('self time', [...self].sort((a, b) => b[1] - a[1]));
  print('inclusive time, our code (src/)', [...inclusive].filter(([l]) => l.includes('src/')).sort((a, b) => b[1] - a[1]));
  print('inclusive time, all', [...inclusive].sort((a, b) => b[1] - a[1]));
}

function shortUrl(url: string): string {
  const i = url.indexOf('node_modules/');
  if (i >= 0) return url.slice(i + 'node_modules/'.length);
  const s = url.indexOf('/src/');
  return s >= 0 ? url.slice(s + 1) : url.replace(/^file:\/\//, '');
}

// Piped into `head`: stop quietly when the reader has had enough.
process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
main();
