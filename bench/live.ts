/**
 * Live view benchmark (issue 7): how fast tool-call events reach the screen of the web console,
 * whether the page stays responsive under load, and what 100k events cost the renderer.
 *
 * A bench-only harness runs the real core and headless server in this process (createWarden +
 * startServer, on a scratch data dir), logs Debian's Chromium in through Playwright with the
 * one-time link, opens the Live view, and emits `toolcall.updated` events on a timer through
 * `warden.events` — so every event takes the real path: the hub's contract check and redactor,
 * the WebSocket, the page's validation, the live store and React. Each event carries its emit
 * time in its message; the page records when each (call, state) first appears in the list.
 *
 * Baselines, measured in the same run: the same events received by a bare WebSocket opened in the
 * same page (same server, same cookie), parsed and timed without any rendering; and the renderer's
 * CPU with the Live view open and no events. Frames are judged by Chromium's long-animation-frame
 * entries (with what they spent their time on) and by gaps between animation frames; memory by
 * the JS heap after a forced GC and the renderer process's PSS. On a busy machine, frame gaps
 * include time the renderer waited for a CPU: the table prints the load average.
 *
 *   node bench/live.ts                                    50, 200, 1,000 events/s for 10 s each; 100k events
 *   LIVE_BENCH_SECONDS=5 LIVE_BENCH_FILL=20000 node bench/live.ts   a quicker run
 *   LIVE_BENCH_FILL_RATE=2000 (events/s while filling), LIVE_BENCH_PROFILE=FILE (CPU profile at 1,000/s)
 *
 * Needs the built console UI (npm run build:renderer) and Chromium (/usr/bin/chromium or WARDEN_CHROMIUM).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { chromium } from 'playwright';
import type { ToolCallUpdate } from '../app/contract/index.ts';
import { createWarden, loadConfig } from '../app/core/index.ts';
import { startServer } from '../app/server/index.ts';

const seconds = Number(process.env['LIVE_BENCH_SECONDS'] ?? 10);
const fill = Number(process.env['LIVE_BENCH_FILL'] ?? 100_000);
const fillRate = Number(process.env['LIVE_BENCH_FILL_RATE'] ?? 5_000);
const rates = [50, 200, 1000] as const;
const chromiumPath = process.env['WARDEN_CHROMIUM'] ?? '/usr/bin/chromium';
const rendererDir = join(import.meta.dirname, '..', 'dist', 'renderer');

if (!Number.isFinite(seconds) || seconds < 2) throw new Error('LIVE_BENCH_SECONDS must be at least 2.');
if (!Number.isInteger(fill) || fill < 1000) throw new Error('LIVE_BENCH_FILL must be an integer ≥ 1000.');
if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`The console UI is not built (${rendererDir}): run "npm run build:renderer" first.`);
if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install chromium, or set WARDEN_CHROMIUM.`);

const fmt = (n: number): string => n.toLocaleString('en-US');
const ms = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '—');
const mb = (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : '—');
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const sleep = (msec: number) => new Promise<void>((resolve) => setTimeout(resolve, msec));
const wallNow = (): number => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------
// Events: realistic calls moving queued → running (30 ms later) → finished (60 ms after that).

const tools = [
  ['read_file', 'read'],
  ['list_dir', 'read'],
  ['search_files', 'read'],
  ['write_file', 'write'],
  ['http_request', 'network'],
] as const;

function makeUpdate(id: string, n: number, state: 'queued' | 'running' | 'finished', queuedAt: string): ToolCallUpdate {
  const [tool, risk] = tools[n % tools.length] ?? tools[0];
  const finished = state === 'finished';
  const emittedAt = wallNow();
  return {
    id,
    sessionId: `bench-session-${n % 7}`,
    tool,
    risk,
    state,
    status: finished ? (n % 13 === 0 ? 'failure' : 'success') : null,
    args: { path: `/srv/agent/workspace/project/src/module-${n % 997}/file-${n}.ts`, maxBytes: 65536 },
    decision: { verdict: 'allow', reason: 'Reads and writes inside the workspace run without asking (bench policy).', rule: 'bench-allow' },
    decidedBy: { kind: 'rule', name: 'bench-allow' },
    preview: null,
    // The emit time rides in the message: the page reads it back from the row it renders.
    message: `${finished ? 'Finished' : state === 'running' ? 'Running at full isolation' : 'Queued'} · e=${emittedAt.toFixed(2)}`,
    queuedAt,
    updatedAt: new Date().toISOString(),
    durationMs: finished ? 90 + (n % 40) : null,
  };
}

/** Emits `rate` events a second for `total` events; each call contributes three, spaced as above. */
async function drive(emit: (update: ToolCallUpdate) => void, prefix: string, rate: number, total: number): Promise<number> {
  const running: Array<{ n: number; at: number; queuedAt: string }> = [];
  const finishing: Array<{ n: number; at: number; queuedAt: string }> = [];
  let nextCall = 0;
  let sent = 0;
  const started = performance.now();
  while (sent < total) {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - started) / 1000) * rate) + 1);
    while (sent < due) {
      const head = finishing[0] !== undefined && finishing[0].at <= now ? finishing.shift() : undefined;
      const next = head ?? (running[0] !== undefined && running[0].at <= now ? running.shift() : undefined);
      if (next === undefined) {
        const queuedAt = new Date().toISOString();
        emit(makeUpdate(`${prefix}-${nextCall}`, nextCall, 'queued', queuedAt));
        running.push({ n: nextCall, at: now + 30, queuedAt });
        nextCall++;
      } else if (head === undefined) {
        emit(makeUpdate(`${prefix}-${next.n}`, next.n, 'running', next.queuedAt));
        finishing.push({ ...next, at: now + 60 });
      } else emit(makeUpdate(`${prefix}-${next.n}`, next.n, 'finished', next.queuedAt));
      sent++;
    }
    await sleep(1);
  }
  return (performance.now() - started) / 1000;
}

/** Distinct finished calls, as fast as `fillRate` allows: the worst case for the buffer (one row per event). */
async function fillCalls(emit: (update: ToolCallUpdate) => void, total: number): Promise<number> {
  let sent = 0;
  const started = performance.now();
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * fillRate) + 1);
    for (; sent < due; sent++) emit(makeUpdate(`fill-${sent}`, sent, 'finished', new Date().toISOString()));
    await sleep(1);
  }
  return (performance.now() - started) / 1000;
}

// ---------------------------------------------------------------------------------------------
// The page's side: what it saw and when.

interface PageWindow {
  __bench: {
    rendered: number[];
    wire: number[];
    loaf: number[];
    work: number;
    worst: string;
    maxGap: number;
    gaps: number[];
    reset(): void;
  };
}

/** The browser APIs the in-page probe uses, typed here: bench/ is compiled without the DOM library. */
interface ProbeRow {
  readonly dataset: Record<string, string | undefined>;
  querySelector(selector: string): { readonly textContent: string | null } | null;
}
interface LoafEntry {
  readonly duration: number;
  readonly startTime: number;
  readonly renderStart: number;
  readonly scripts: ReadonlyArray<{ readonly invoker: string; readonly duration: number }>;
}
interface ProbeGlobals {
  readonly document: { querySelector(selector: string): { querySelectorAll(selector: string): Iterable<ProbeRow> } | null };
  readonly location: { readonly origin: string };
  readonly MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  readonly WebSocket: new (url: string) => { addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void };
  readonly PerformanceObserver: new (callback: (list: { getEntries(): LoafEntry[] }) => void) => { observe(options: object): void };
  requestAnimationFrame(callback: (time: number) => void): number;
}

async function instrument(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as ProbeGlobals;
    const now = () => performance.timeOrigin + performance.now();
    const state = {
      rendered: [] as number[],
      wire: [] as number[],
      loaf: [] as number[],
      work: 0,
      worst: '',
      maxGap: 0,
      gaps: [] as number[],
      reset() {
        state.rendered = [];
        state.wire = [];
        state.loaf = [];
        state.work = 0;
        state.worst = '';
        state.maxGap = 0;
        state.gaps = [];
      },
    };
    const seen = new Set<string>();
    const stampOf = (text: string | null | undefined): number | null => {
      const match = /e=(\d+(?:\.\d+)?)/.exec(text ?? '');
      return match ? Number(match[1]) : null;
    };
    // Rendered: the first time each (call, state) is in the list's DOM. Mutations are committed by
    // React inside the animation frame that then paints them.
    const grid = g.document.querySelector('[data-testid="live-grid"]');
    if (!grid) throw new Error('The Live view is not open.');
    new g.MutationObserver(() => {
      const at = now();
      for (const row of grid.querySelectorAll('[data-testid="live-row"]')) {
        const key = `${row.dataset['callId'] ?? ''}|${row.dataset['state'] ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const emitted = stampOf(row.querySelector('.live-cell--message')?.textContent);
        if (emitted !== null) state.rendered.push(at - emitted);
      }
      if (seen.size > 200_000) seen.clear();
    }).observe(grid, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-state'] });
    // Baseline: the same events on a bare WebSocket of the same page, parsed and timed, not rendered.
    const socket = new g.WebSocket(`${g.location.origin.replace(/^http/, 'ws')}/ws`);
    socket.addEventListener('message', (message) => {
      const at = now();
      const frame = JSON.parse(String(message.data)) as { type: string; name?: string; payload?: { message?: string } };
      if (frame.type !== 'event' || frame.name !== 'toolcall.updated') return;
      const emitted = stampOf(frame.payload?.message);
      if (emitted !== null) state.wire.push(at - emitted);
    });
    // Responsiveness: long animation frames (Chromium's LoAF), and gaps between animation frames.
    new g.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        // The frame's own work: its scripts and its rendering. The rest of a long frame is the
        // main thread waiting (on a busy machine, for a CPU).
        const render = entry.renderStart > 0 ? entry.startTime + entry.duration - entry.renderStart : 0;
        const work = entry.scripts.reduce((sum, script) => sum + script.duration, 0) + render;
        if (work > state.work) state.work = work;
        if (entry.duration > Math.max(0, ...state.loaf)) {
          // What the longest frame spent its time on, for the report.
          const scripts = entry.scripts
            .map((script) => `${script.invoker} ${script.duration.toFixed(0)} ms`)
            .slice(0, 4)
            .join('; ');
          state.worst = `${entry.duration.toFixed(0)} ms: scripts [${scripts}], rendering ${render.toFixed(0)} ms`;
        }
        state.loaf.push(entry.duration);
      }
    }).observe({ type: 'long-animation-frame', buffered: false });
    let last = performance.now();
    const tick = (t: number) => {
      const gap = t - last;
      last = t;
      state.gaps.push(gap);
      if (gap > state.maxGap) state.maxGap = gap;
      if (state.gaps.length > 100_000) state.gaps = [];
      g.requestAnimationFrame(tick);
    };
    g.requestAnimationFrame(tick);
    Object.assign(g, { __bench: state });
  });
}

const reset = (page: Page) => page.evaluate(() => (globalThis as unknown as PageWindow).__bench.reset());
const collect = (page: Page) =>
  page.evaluate(() => {
    const b = (globalThis as unknown as PageWindow).__bench;
    return { rendered: b.rendered, wire: b.wire, loaf: b.loaf, work: b.work, worst: b.worst, maxGap: b.maxGap, gaps: b.gaps };
  });

async function eventsApplied(page: Page): Promise<number> {
  return Number(await page.getByTestId('live-counts').getAttribute('data-events'));
}

async function waitApplied(page: Page, expected: number, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  let applied = await eventsApplied(page);
  while (applied < expected && performance.now() - started < timeoutMs) {
    await sleep(100);
    applied = await eventsApplied(page);
  }
  return applied;
}

// ---------------------------------------------------------------------------------------------

const root = mkdtempSync(join(tmpdir(), 'warden-bench-live-'));
const warden = await createWarden(loadConfig({ shell: 'headless', dataDir: join(root, 'data'), workspace: join(root, 'workspace') }), {
  logError: (message, error) => console.error(message, error),
});
const server = await startServer({ warden, rendererDir, port: 0 });
// A persistent context, so its profile dir names its processes (for the renderer's resident memory).
const profileDir = join(root, 'chromium-profile');
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: chromiumPath,
  viewport: { width: 1280, height: 800 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--enable-precise-memory-info'],
});

/** This browser's renderer processes (Linux): pid and proportional set size in bytes. */
function renderers(): Array<{ pid: string; pss: number }> {
  if (process.platform !== 'linux') return [];
  const found: Array<{ pid: string; pss: number }> = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes(`--user-data-dir=${profileDir}`) || !cmdline.includes('--type=renderer') || cmdline.includes('--top-chrome-webui')) continue;
      const kb = Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1]);
      if (Number.isFinite(kb)) found.push({ pid, pss: kb * 1024 });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** The page's renderer: the largest one. */
function rendererPss(): number {
  const found = renderers();
  return found.length === 0 ? Number.NaN : Math.max(...found.map((r) => r.pss));
}

/**
 * CPU time (user + system, ms) the page's renderer process has used: a measure of the page's own
 * work that other load on the machine does not inflate (unlike frame durations).
 */
function rendererCpuMs(): number {
  const page = renderers().sort((a, b) => b.pss - a.pss)[0];
  if (page === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${page.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // Fields 14 and 15 of stat (utime, stime), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
const emit = (update: ToolCallUpdate) => warden.events.emit('toolcall.updated', update);

try {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
  console.log(`Live view benchmark: node ${process.versions.node}, ${product}, ${seconds} s per rate, ${fmt(fill)} events for memory\n`);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(200);
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    return { used: metric('JSHeapUsedSize'), total: metric('JSHeapTotalSize'), nodes: metric('Nodes'), pss: rendererPss() };
  };

  await page.goto(server.loginUrl());
  await page.getByTestId('view-overview').waitFor();
  await page.getByTestId('nav-live').click();
  await page.getByTestId('live-grid').waitFor();
  await instrument(page);
  const idle = await heap();

  interface Row {
    readonly label: string;
    readonly rate: number;
    readonly emitted: number;
    readonly appliedRate: number;
    readonly shown: number;
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
    readonly wireP95: number;
    readonly loafMax: number;
    readonly workMax: number;
    /** Renderer CPU time per second of the run (1 = one core busy). */
    readonly cpu: number;
    readonly gapMax: number;
    readonly gapsOver50: number;
    readonly worst: string;
  }
  const rows: Row[] = [];
  let idleCpu = Number.NaN;

  const phase = async (label: string, rate: number, clear: boolean): Promise<Row> => {
    if (clear) await page.getByTestId('live-clear').click();
    await sleep(300);
    const before = await eventsApplied(page);
    await reset(page);
    const total = Math.round(rate * seconds);
    const cpuBefore = rendererCpuMs();
    const took = await drive(emit, `r${rate}${clear ? '' : 'full'}`, rate, total);
    const cpu = (rendererCpuMs() - cpuBefore) / (took * 1000);
    const applied = await waitApplied(page, before + total);
    await sleep(300);
    const seen = await collect(page);
    const row: Row = {
      label,
      rate,
      emitted: total,
      appliedRate: (applied - before) / took,
      shown: seen.rendered.length,
      p50: percentile(seen.rendered, 50),
      p95: percentile(seen.rendered, 95),
      p99: percentile(seen.rendered, 99),
      max: Math.max(...seen.rendered),
      wireP95: percentile(seen.wire, 95),
      loafMax: seen.loaf.length === 0 ? 0 : Math.max(...seen.loaf),
      workMax: seen.work,
      cpu,
      gapMax: seen.maxGap,
      gapsOver50: seen.gaps.filter((gap) => gap > 50).length,
      worst: seen.worst,
    };
    rows.push(row);
    console.log(
      `  ${label.padEnd(30)} shown ${fmt(row.shown).padStart(6)}/${fmt(total)}  p95 ${ms(row.p95)}  (wire ${ms(row.wireP95)})  longest frame ${ms(Math.max(row.loafMax, row.gapMax))}`,
    );
    return row;
  };

  // Baseline for the CPU column: the console open on the Live view with no events at all.
  {
    const cpuBefore = rendererCpuMs();
    const started = performance.now();
    await sleep(Math.min(5, seconds) * 1000);
    idleCpu = (rendererCpuMs() - cpuBefore) / (performance.now() - started);
    console.log(`  idle (no events)               renderer CPU ${Math.round(idleCpu * 100)}% of a core`);
  }

  for (const rate of rates) {
    // LIVE_BENCH_PROFILE=FILE: a CPU profile of the page during the 1,000 events/s run, for DevTools.
    const profile = rate === 1000 ? process.env['LIVE_BENCH_PROFILE'] : undefined;
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    await phase(`${fmt(rate)} events/s`, rate, true);
    if (profile) {
      const { profile: data } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(profile, JSON.stringify(data));
      console.log(`  CPU profile of the page written to ${profile}`);
    }
  }

  // Memory: the list cleared, then `fill` events, each a distinct finished call (one row per event).
  await page.getByTestId('live-clear').click();
  await sleep(300);
  const empty = await heap();
  await reset(page);
  const fillTook = await fillCalls(emit, fill);
  const filled = await waitApplied(page, fill, 300_000);
  const fillSeen = await collect(page);
  const full = await heap();
  const calls = Number(await page.getByTestId('live-counts').getAttribute('data-calls'));
  console.log(`  filled ${fmt(filled)} events in ${fillTook.toFixed(1)} s (${fmt(Math.round(filled / fillTook))}/s), longest frame meanwhile ${ms(fillSeen.maxGap)}`);

  // And 1,000 events/s again with the buffer full: the heaviest list the view keeps.
  const heavy = await phase('1,000 events/s, 100k calls held', 1000, false);

  const targets = {
    p95: rows.find((row) => row.rate === 200)?.p95 ?? Number.NaN,
    frame: Math.max(rows.find((row) => row.rate === 1000)?.loafMax ?? Number.NaN, rows.find((row) => row.rate === 1000)?.gapMax ?? Number.NaN),
    heap: full.used,
    work: rows.find((row) => row.rate === 1000)?.workMax ?? Number.NaN,
  };

  console.log('\nEvent-to-screen latency (emit in the core → row committed in the Live view; wire = bare WebSocket in the same page):');
  console.table(
    rows.map((row) => ({
      load: row.label,
      'applied/s': fmt(Math.round(row.appliedRate)),
      'measured rows': `${fmt(row.shown)} of ${fmt(row.emitted)}`,
      p50: ms(row.p50),
      p95: ms(row.p95),
      p99: ms(row.p99),
      max: ms(row.max),
      'wire p95 (baseline)': ms(row.wireP95),
      'longest LoAF': ms(row.loafMax),
      'most work in a LoAF': row.loafMax === 0 ? 'no LoAF' : ms(row.workMax),
      'max rAF gap': ms(row.gapMax),
      'renderer CPU': Number.isFinite(row.cpu) ? `${Math.round(row.cpu * 100)}% of a core` : '—',
      'gaps > 50 ms': row.gapsOver50,
    })),
  );
  console.log('Measured rows: events whose row was on screen when it changed (at 1,000/s a call\'s later states often land below the fold).');
  console.log(`Renderer CPU with the Live view open and no events (baseline): ${Number.isFinite(idleCpu) ? `${Math.round(idleCpu * 100)}% of a core` : '—'}\n`);
  console.log('Renderer memory (JS heap after forced GC, CDP Performance.getMetrics):');
  console.table([
    { state: 'Live view open, no calls yet', 'JS heap used': mb(idle.used), 'JS heap total': mb(idle.total), 'renderer process (PSS)': mb(idle.pss), 'DOM nodes': fmt(idle.nodes) },
    { state: 'after the rate runs, list cleared', 'JS heap used': mb(empty.used), 'JS heap total': mb(empty.total), 'renderer process (PSS)': mb(empty.pss), 'DOM nodes': fmt(empty.nodes) },
    {
      state: `${fmt(filled)} events held (${fmt(calls)} calls)`,
      'JS heap used': mb(full.used),
      'JS heap total': mb(full.total),
      'renderer process (PSS)': mb(full.pss),
      'DOM nodes': fmt(full.nodes),
    },
  ]);
  console.log(`  ≈ ${((full.used - empty.used) / Math.max(1, calls)).toFixed(0)} bytes of heap per call held\n`);
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log('Targets:');
  console.table([
    { target: 'event-to-screen p95 at 200 events/s', limit: '≤ 100 ms', measured: ms(targets.p95), result: verdict(targets.p95 <= 100) },
    { target: 'longest frame at 1,000 events/s', limit: '≤ 100 ms', measured: ms(targets.frame), result: verdict(targets.frame <= 100) },
    {
      target: '  its own work (script + rendering) at most',
      limit: '≤ 100 ms',
      measured: targets.work === 0 ? 'no frame over 50 ms' : ms(targets.work),
      result: verdict(targets.work <= 100),
    },
    { target: `renderer JS heap with ${fmt(filled)} events`, limit: '< 200 MB', measured: mb(targets.heap), result: verdict(targets.heap < 200 * 1024 * 1024) },
    ...(Number.isFinite(full.pss)
      ? [{ target: `whole renderer process with ${fmt(filled)} events`, limit: '< 200 MB', measured: mb(full.pss), result: verdict(full.pss < 200 * 1024 * 1024) }]
      : []),
  ]);
  console.log(`(also: 1,000 events/s with 100k calls held: p95 ${ms(heavy.p95)}, longest frame ${ms(Math.max(heavy.loafMax, heavy.gapMax))})`);
  console.log('\nLongest animation frame of each run, as Chromium attributes it:');
  for (const row of rows) console.log(`  ${row.label.padEnd(34)} ${row.worst || 'none over 50 ms'}`);
  console.log(`\nMachine: ${cpus().length} CPUs, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')} at the end (other work on the machine shows up as frame gaps).`);
} finally {
  await context.close();
  await server.close();
  await warden.close();
  rmSync(root, { recursive: true, force: true });
}
