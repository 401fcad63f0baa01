/**
 * Where a server's CPU time goes, from a V8 .cpuprofile (`npm run bench -- --cpu-prof`): self
 * time grouped by package (or bundle chunk), and the hottest functions. Idle time is left out.
 *
 *   tsx bench/profile.ts FILE.cpuprofile     (also used by the bench itself)
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** The package (node_modules/…), bundle chunk or Node internal a script belongs to. */
function groupOf(url: string, functionName: string): string {
  if (!url) return functionName || '(native)';
  if (url.startsWith('node:')) return url.replace(/^node:internal\/(?:deps\/)?/, 'node:');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  const inNext = /node_modules\/next\/dist\/(?:compiled\/)?([^/]+)/.exec(url)?.[1];
  if (pkg === 'next' && inNext) return `next/${inNext}`;
  if (pkg) return pkg;
  const chunk = /\/server\/(?:edge\/)?chunks\/(?:ssr\/)?([^/]+)$/.exec(url)?.[1];
  if (chunk) return `chunk ${chunk.replace(/_[0-9a-z]{8,}\._\.js$|\.js$/, '')}`;
  return url.replace(/^file:\/\//, '').replace(process.cwd(), '.');
}

export function summarizeProfile(file: string, top = 12): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const totalSamples = profile.samples?.length ?? 0;
  const msPerSample =
    totalSamples > 0 ? (profile.endTime - profile.startTime) / 1000 / totalSamples : 0;
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  // Inclusive: a sample counts once for every group on its stack (e.g. all of the middleware).
  const inclusive = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let busy = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (hits === 0 || functionName === '(idle)') continue;
    busy += hits;
    const group = groupOf(url, functionName);
    byGroup.set(group, (byGroup.get(group) ?? 0) + hits);
    const fn = `${functionName || '(anonymous)'} ${group}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
    const onStack = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (frame?.url) onStack.add(groupOf(frame.url, frame.functionName));
    }
    for (const g of onStack) inclusive.set(g, (inclusive.get(g) ?? 0) + hits);
  }
  const lines = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, hits]) =>
          `  ${((100 * hits) / busy).toFixed(1).padStart(5)}%  ${(hits * msPerSample).toFixed(0).padStart(6)} ms  ${name}`,
      )
      .join('\n');
  return [
    `busy ${(busy * msPerSample).toFixed(0)} ms of ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms profiled`,
    'self time by package / chunk:',
    lines(byGroup),
    'time with the package / chunk on the stack (inclusive):',
    lines(inclusive),
    'hottest functions (self time):',
    lines(byFunction),
  ].join('\n');
}

if (process.argv[1]?.endsWith('profile.ts') && process.argv[2]) {
  console.log(summarizeProfile(process.argv[2], Number(process.argv[3]) || 25));
}
