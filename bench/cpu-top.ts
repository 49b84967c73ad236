/**
 * Summarizes a V8 `.cpuprofile` (node --cpu-prof): the frames with the most self time and the
 * packages the time is spent in, so a report can cite where a row's cost comes from.
 *
 *   node --import tsx bench/cpu-top.ts <file.cpuprofile> [rows]
 */
import { readFileSync } from 'node:fs';

/** The parts of a `.cpuprofile` read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples: number[];
  timeDeltas: number[];
}

/** One summary line: a frame or a package, with its share of samples. */
export interface ProfileLine {
  /** `function (file:line)` or a package name. */
  name: string;
  /** Share of all samples, 0–1. */
  share: number;
}

/** Where a script URL belongs: `xstate`, `azure-vm-lifecycle/<file>`, `node`, `(gc)`, … */
export function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules?.[1]) return inModules[1];
  const ours = /\/(machines|viz|bench)\/([^/?]+)/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  return url.startsWith('node:') ? 'node' : url;
}

/** Self-time shares by frame and by owner, largest first. */
export function summarizeProfile(profile: CpuProfile, rows = 15): { frames: ProfileLine[]; owners: ProfileLine[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const frameHits = new Map<string, number>();
  const ownerHits = new Map<string, number>();
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const owner = ownerOf(url, functionName);
    const frame = `${functionName || '(anonymous)'} (${owner}:${lineNumber + 1})`;
    frameHits.set(frame, (frameHits.get(frame) ?? 0) + 1);
    ownerHits.set(owner, (ownerHits.get(owner) ?? 0) + 1);
  }
  const total = profile.samples.length || 1;
  const top = (hits: Map<string, number>) =>
    [...hits].sort((a, b) => b[1] - a[1]).slice(0, rows).map(([name, count]) => ({ name, share: count / total }));
  return { frames: top(frameHits), owners: top(ownerHits) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: cpu-top.ts <file.cpuprofile> [rows]');
  const { frames, owners } = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(process.argv[3] ?? 15));
  const print = (title: string, lines: ProfileLine[]) =>
    process.stdout.write(`${title}\n${lines.map((line) => `  ${(line.share * 100).toFixed(1).padStart(5)}%  ${line.name}`).join('\n')}\n`);
  print('self time by frame', frames);
  print('self time by owner', owners);
}
