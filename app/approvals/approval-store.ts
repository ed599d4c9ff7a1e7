import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { ensurePrivateDir, ensurePrivateFile } from '../audit/private-fs.ts';
import type { ApprovalResolution, ApprovalState, ApprovalView, RememberedRule } from '../contract/approvals.ts';
import { ApprovalViewSchema, RememberedRuleSchema } from '../contract/approvals.ts';
import { WardenError } from '../contract/result.ts';

/** Persistence of requests and remembered rules; no policy here, only rows. */
export interface ApprovalStore {
  insert(view: ApprovalView): void;
  get(id: string): ApprovalView | undefined;
  getByCallId(callId: string): ApprovalView | undefined;
  /** Newest first. */
  list(state: ApprovalState | undefined, limit: number): ApprovalView[];
  pending(): ApprovalView[];
  countPending(): number;
  /** Records the answer if the request is still pending; false when another answer came first. */
  resolve(id: string, state: 'decided' | 'expired', resolution: ApprovalResolution): boolean;
  insertRule(rule: RememberedRule): void;
  rulesFor(tool: string): RememberedRule[];
  listRules(): RememberedRule[];
  getRule(id: string): RememberedRule | undefined;
  deleteRule(id: string): boolean;
  markRuleUsed(id: string, at: string): void;
  close(): void;
}

const schemaVersion = 1;

const schema = `
  CREATE TABLE IF NOT EXISTS approval_requests (
    id TEXT PRIMARY KEY,
    call_id TEXT NOT NULL UNIQUE,
    tool TEXT NOT NULL,
    session_id TEXT,
    requested_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'decided', 'expired')),
    -- The card as asked (ApprovalCall plus expiresAt) and the answer, as JSON checked on every read.
    card TEXT NOT NULL,
    resolution TEXT
  ) STRICT;
  CREATE INDEX IF NOT EXISTS approval_requests_by_state ON approval_requests (state, requested_at);
  CREATE TABLE IF NOT EXISTS approval_rules (
    id TEXT PRIMARY KEY,
    tool TEXT NOT NULL,
    created_at TEXT NOT NULL,
    rule TEXT NOT NULL,
    last_used_at TEXT,
    use_count INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX IF NOT EXISTS approval_rules_by_tool ON approval_rules (tool);
`;

const RequestRowSchema = z.object({ id: z.string(), state: z.string(), card: z.string(), resolution: z.string().nullable() });
const RuleRowSchema = z.object({ rule: z.string(), last_used_at: z.string().nullable(), use_count: z.number().int() });

function toView(row: unknown): ApprovalView {
  const r = RequestRowSchema.parse(row);
  const card = JSON.parse(r.card) as Record<string, unknown>;
  return ApprovalViewSchema.parse({ ...card, id: r.id, state: r.state, resolution: r.resolution === null ? null : JSON.parse(r.resolution) });
}

function toRule(row: unknown): RememberedRule {
  const r = RuleRowSchema.parse(row);
  const rule = JSON.parse(r.rule) as Record<string, unknown>;
  return RememberedRuleSchema.parse({ ...rule, lastUsedAt: r.last_used_at, useCount: r.use_count });
}

/**
 * Opens the queue's database, 0600 in a 0700 directory, and takes it for this process alone
 * (exclusive locking): the process that opens it owns every pending request in it, which is
 * what lets the next opener deny them as left over from a restart. A second opener fails at
 * once with 'unavailable' instead of waiting.
 */
export function openApprovalStore(dbPath: string): ApprovalStore {
  ensurePrivateDir(dirname(dbPath));
  ensurePrivateFile(dbPath);
  const db = new Database(dbPath, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    // The first write takes the lock for as long as the connection lives.
    db.exec(schema);
    const version = db.pragma('user_version', { simple: true });
    if (version === 0) db.pragma(`user_version = ${schemaVersion}`);
    else if (version !== schemaVersion) throw new WardenError('unavailable', `${dbPath} is from a newer Warden (schema ${String(version)}).`);
  } catch (error) {
    db.close();
    if (error instanceof WardenError) throw error;
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new WardenError('unavailable', `Another Warden process holds the approval queue (${dbPath}); answer its requests there.`);
    }
    throw error;
  }

  const insertRequest = db.prepare(
    `INSERT INTO approval_requests (id, call_id, tool, session_id, requested_at, state, card, resolution)
     VALUES (@id, @callId, @tool, @sessionId, @requestedAt, @state, @card, @resolution)`,
  );
  const selectById = db.prepare('SELECT id, state, card, resolution FROM approval_requests WHERE id = ?');
  const selectByCall = db.prepare('SELECT id, state, card, resolution FROM approval_requests WHERE call_id = ?');
  const selectPage = db.prepare('SELECT id, state, card, resolution FROM approval_requests ORDER BY requested_at DESC, rowid DESC LIMIT ?');
  const selectPageIn = db.prepare(
    'SELECT id, state, card, resolution FROM approval_requests WHERE state = ? ORDER BY requested_at DESC, rowid DESC LIMIT ?',
  );
  const selectPending = db.prepare("SELECT id, state, card, resolution FROM approval_requests WHERE state = 'pending' ORDER BY requested_at, rowid");
  const countPending = db.prepare("SELECT count(*) FROM approval_requests WHERE state = 'pending'").pluck();
  // The WHERE clause is what makes the first answer win.
  const resolveRequest = db.prepare("UPDATE approval_requests SET state = ?, resolution = ? WHERE id = ? AND state = 'pending'");
  const insertRule = db.prepare('INSERT INTO approval_rules (id, tool, created_at, rule) VALUES (@id, @tool, @createdAt, @rule)');
  const selectRules = db.prepare('SELECT rule, last_used_at, use_count FROM approval_rules ORDER BY created_at, rowid');
  const selectRulesFor = db.prepare('SELECT rule, last_used_at, use_count FROM approval_rules WHERE tool = ? ORDER BY created_at, rowid');
  const selectRule = db.prepare('SELECT rule, last_used_at, use_count FROM approval_rules WHERE id = ?');
  const deleteRule = db.prepare('DELETE FROM approval_rules WHERE id = ?');
  const markUsed = db.prepare('UPDATE approval_rules SET last_used_at = ?, use_count = use_count + 1 WHERE id = ?');

  const maybe = <T>(row: unknown, convert: (row: unknown) => T): T | undefined => (row === undefined ? undefined : convert(row));

  return {
    insert(view) {
      const { id, state, resolution, ...card } = view;
      insertRequest.run({
        id,
        callId: view.callId,
        tool: view.tool,
        sessionId: view.sessionId,
        requestedAt: view.requestedAt,
        state,
        card: JSON.stringify(card),
        resolution: resolution === null ? null : JSON.stringify(resolution),
      });
    },
    get: (id) => maybe(selectById.get(id), toView),
    getByCallId: (callId) => maybe(selectByCall.get(callId), toView),
    list: (state, limit) => (state === undefined ? selectPage.all(limit) : selectPageIn.all(state, limit)).map(toView),
    pending: () => selectPending.all().map(toView),
    countPending: () => z.number().int().parse(countPending.get()),
    resolve: (id, state, resolution) => resolveRequest.run(state, JSON.stringify(resolution), id).changes === 1,
    insertRule(rule) {
      // Use counts live in their own columns, so that marking a use does not rewrite the rule.
      const stored = { id: rule.id, match: rule.match, description: rule.description, createdBy: rule.createdBy, createdAt: rule.createdAt, fromApproval: rule.fromApproval };
      insertRule.run({ id: rule.id, tool: rule.match.tool, createdAt: rule.createdAt, rule: JSON.stringify(stored) });
    },
    rulesFor: (tool) => selectRulesFor.all(tool).map(toRule),
    listRules: () => selectRules.all().map(toRule),
    getRule: (id) => maybe(selectRule.get(id), toRule),
    deleteRule: (id) => deleteRule.run(id).changes === 1,
    markRuleUsed(id, at) {
      markUsed.run(at, id);
    },
    close() {
      db.close();
    },
  };
}
