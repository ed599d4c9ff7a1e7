import type { Decider, Decision, RiskClass, ToolCallState, ToolCallUpdate, ToolPreview } from '../../app/contract/index.ts';
import { riskClasses, toolCallStates } from '../../app/contract/index.ts';

/** Calls the Live view holds; past this the oldest call is dropped for each new one. */
export const liveBufferMax = 100_000;
/** State changes kept per call (queued, asked, approved, running, finished fit with room to spare). */
export const historyMax = 8;
/** Arguments longer than this (as JSON) are kept cut; the audit trail has them whole. */
export const argsJsonMax = 16_384;
/** A preview bigger than this (a large diff) is not kept in the live buffer; the approval card had it. */
export const previewJsonMax = 262_144;

/** One word for where a call stands: its state, or once finished, its outcome. */
export const liveStatuses = ['queued', 'asked', 'approved', 'running', 'success', 'failure', 'blocked', 'denied'] as const;
export type LiveStatus = (typeof liveStatuses)[number];
export const isLiveStatus = (value: unknown): value is LiveStatus =>
  typeof value === 'string' && (liveStatuses as readonly string[]).includes(value);

/**
 * One call, as its latest event left it. Rows are immutable: an update replaces the row, so a
 * memoized row component re-renders only when its own call changed. Times are epoch ms.
 */
export interface LiveRow {
  /** Order of first sight in this window: the list's sort key (newest first on screen). */
  readonly seq: number;
  readonly id: string;
  readonly sessionId: string | null;
  readonly tool: string;
  readonly risk: RiskClass | null;
  readonly state: ToolCallState;
  readonly status: LiveStatus;
  readonly queuedAt: number;
  readonly updatedAt: number;
  readonly durationMs: number | null;
  readonly message: string;
  readonly decision: Decision | null;
  readonly decidedBy: Decider | null;
  /** The redacted arguments as compact JSON, cut at `argsJsonMax`. */
  readonly argsJson: string;
  readonly argsTruncated: boolean;
  readonly preview: ToolPreview | null;
  readonly previewDropped: boolean;
  /** State changes, flattened: [stateIndex, atMs, stateIndex, atMs, …], oldest first, at most `historyMax`. */
  readonly history: readonly number[];
  /** Events received for this call. */
  readonly events: number;
}

export interface HistoryStep {
  readonly state: ToolCallState;
  readonly at: number;
}

export function historySteps(row: Pick<LiveRow, 'history'>): HistoryStep[] {
  const steps: HistoryStep[] = [];
  for (let i = 0; i + 1 < row.history.length; i += 2) {
    const state = toolCallStates[row.history[i] ?? -1];
    if (state !== undefined) steps.push({ state, at: row.history[i + 1] ?? 0 });
  }
  return steps;
}

export function statusOf(update: Pick<ToolCallUpdate, 'state' | 'status'>): LiveStatus {
  if (update.state === 'finished') return update.status ?? 'failure';
  return update.state;
}

/**
 * Strings that repeat across calls (tool names, sessions, decider names, common messages) are kept
 * once: 100k rows of parsed JSON would otherwise hold 100k copies of "write_file". Bounded; it
 * starts over when full, which costs only some sharing.
 */
class Interner {
  #table = new Map<string, string>();
  readonly #limit: number;
  constructor(limit: number) {
    this.#limit = limit;
  }
  get(value: string): string {
    if (value.length > 256) return value;
    const known = this.#table.get(value);
    if (known !== undefined) return known;
    if (this.#table.size >= this.#limit) this.#table = new Map();
    this.#table.set(value, value);
    return value;
  }
}

const stateIndex = new Map<ToolCallState, number>(toolCallStates.map((state, index) => [state, index]));
const riskByName = new Map<string, RiskClass>(riskClasses.map((risk) => [risk, risk]));

export interface LiveCounts {
  readonly tools: ReadonlyMap<string, number>;
  /** Calls by session; `null` for calls without one. */
  readonly sessions: ReadonlyMap<string | null, number>;
  readonly statuses: Readonly<Record<LiveStatus, number>>;
}

const emptyStatusCounts = (): Record<LiveStatus, number> =>
  Object.fromEntries(liveStatuses.map((status) => [status, 0])) as Record<LiveStatus, number>;

/**
 * Every call seen by this window, one row per call id, in order of first sight; the latest event of
 * a call wins. Bounded at `max` calls: the oldest go first. Mutable on purpose (a copy of 100k rows
 * per frame would be garbage at 60 frames a second); the store bumps a version after each batch.
 */
export class LiveBuffer {
  readonly max: number;
  /** Ascending by seq. */
  #rows: LiveRow[] = [];
  #byId = new Map<string, LiveRow>();
  #nextSeq = 1;
  #evicted = 0;
  /** Rows ever removed from the front (evicted or cleared): lets an older view find its rows. */
  #dropped = 0;
  #events = 0;
  #tools = new Map<string, number>();
  #sessions = new Map<string | null, number>();
  #statuses = emptyStatusCounts();
  readonly #strings = new Interner(8192);
  readonly #decisions = new Map<string, Decision>();
  readonly #deciders = new Map<string, Decider>();

  constructor(max = liveBufferMax) {
    if (!Number.isInteger(max) || max < 1) throw new Error('A live buffer holds at least one call.');
    this.max = max;
  }

  get size(): number {
    return this.#rows.length;
  }
  /** Events applied since the window opened (or the last clear). */
  get events(): number {
    return this.#events;
  }
  /** Calls dropped to keep the buffer bounded. */
  get evicted(): number {
    return this.#evicted;
  }
  /** Rows removed from the front of `rows` since the buffer was made; never goes down. */
  get dropped(): number {
    return this.#dropped;
  }
  /** The rows, oldest first. Read-only view of the live array: valid until the next `apply`. */
  get rows(): readonly LiveRow[] {
    return this.#rows;
  }
  get counts(): LiveCounts {
    return { tools: this.#tools, sessions: this.#sessions, statuses: this.#statuses };
  }

  get(id: string): LiveRow | undefined {
    return this.#byId.get(id);
  }

  /** Position of a row in `rows`, by its seq; -1 when it is no longer held. */
  positionOf(seq: number): number {
    const rows = this.#rows;
    let low = 0;
    let high = rows.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const at = (rows[mid] as LiveRow).seq;
      if (at === seq) return mid;
      if (at < seq) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** Applies a batch in order; returns how many new calls it added. */
  apply(updates: readonly ToolCallUpdate[]): number {
    let added = 0;
    for (const update of updates) {
      this.#events++;
      const previous = this.#byId.get(update.id);
      const row = this.#toRow(update, previous);
      if (previous === undefined) {
        this.#rows.push(row);
        this.#count(row, 1);
        added++;
      } else {
        const position = this.positionOf(previous.seq);
        if (position >= 0) this.#rows[position] = row;
        this.#statuses[previous.status]--;
        this.#statuses[row.status]++;
      }
      this.#byId.set(row.id, row);
    }
    const excess = this.#rows.length - this.max;
    if (excess > 0) {
      for (const old of this.#rows.splice(0, excess)) {
        this.#byId.delete(old.id);
        this.#count(old, -1);
      }
      this.#evicted += excess;
      this.#dropped += excess;
    }
    return added;
  }

  clear(): void {
    this.#dropped += this.#rows.length;
    this.#rows = [];
    this.#byId = new Map();
    this.#tools = new Map();
    this.#sessions = new Map();
    this.#statuses = emptyStatusCounts();
    this.#events = 0;
    this.#evicted = 0;
  }

  #count(row: LiveRow, delta: 1 | -1): void {
    const bump = <K>(map: Map<K, number>, key: K) => {
      const next = (map.get(key) ?? 0) + delta;
      if (next > 0) map.set(key, next);
      else map.delete(key);
    };
    bump(this.#tools, row.tool);
    bump(this.#sessions, row.sessionId);
    this.#statuses[row.status] += delta;
  }

  #toRow(update: ToolCallUpdate, previous: LiveRow | undefined): LiveRow {
    const s = (value: string) => this.#strings.get(value);
    const updatedAt = Date.parse(update.updatedAt);
    const index = stateIndex.get(update.state) ?? 0;
    let history: number[];
    if (previous === undefined) history = [index, updatedAt];
    else if (previous.history.at(-2) === index) history = previous.history as number[];
    else {
      history = [...previous.history, index, updatedAt];
      // Keep the first step (when it was queued) and the latest ones.
      if (history.length > historyMax * 2) history = [...history.slice(0, 2), ...history.slice(history.length - (historyMax - 1) * 2)];
    }
    let argsJson: string;
    let argsTruncated: boolean;
    if (previous !== undefined) {
      // A call's arguments do not change between its events.
      argsJson = previous.argsJson;
      argsTruncated = previous.argsTruncated;
    } else {
      const json = JSON.stringify(update.args);
      argsTruncated = json.length > argsJsonMax;
      argsJson = argsTruncated ? json.slice(0, argsJsonMax) : json;
    }
    let preview: ToolPreview | null = null;
    let previewDropped = false;
    if (update.preview !== null) {
      if (previous?.preview != null || previous?.previewDropped === true) {
        preview = previous.preview;
        previewDropped = previous.previewDropped;
      } else if (JSON.stringify(update.preview).length > previewJsonMax) previewDropped = true;
      else preview = update.preview;
    }
    return {
      seq: previous?.seq ?? this.#nextSeq++,
      id: previous?.id ?? update.id,
      sessionId: update.sessionId === null ? null : s(update.sessionId),
      tool: s(update.tool),
      risk: update.risk === null ? null : (riskByName.get(update.risk) ?? null),
      state: update.state,
      status: statusOf(update),
      queuedAt: previous?.queuedAt ?? Date.parse(update.queuedAt),
      updatedAt,
      durationMs: update.durationMs,
      message: s(update.message),
      decision: update.decision === null ? null : this.#decision(update.decision),
      decidedBy: update.decidedBy === null ? null : this.#decider(update.decidedBy),
      argsJson,
      argsTruncated,
      preview,
      previewDropped,
      history,
      events: (previous?.events ?? 0) + 1,
    };
  }

  #decision(decision: Decision): Decision {
    const key = `${decision.verdict}\u0000${decision.rule ?? ''}\u0000${decision.reason}`;
    let known = this.#decisions.get(key);
    if (known === undefined) {
      if (this.#decisions.size >= 4096) this.#decisions.clear();
      known = Object.freeze({ verdict: decision.verdict, reason: this.#strings.get(decision.reason), rule: decision.rule });
      this.#decisions.set(key, known);
    }
    return known;
  }

  #decider(decider: Decider): Decider {
    const key = `${decider.kind}\u0000${decider.name}`;
    let known = this.#deciders.get(key);
    if (known === undefined) {
      if (this.#deciders.size >= 4096) this.#deciders.clear();
      known = Object.freeze({ kind: decider.kind, name: this.#strings.get(decider.name) });
      this.#deciders.set(key, known);
    }
    return known;
  }
}
