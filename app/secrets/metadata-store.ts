import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { WardenError } from '../contract/result.ts';

/** What Warden knows about a secret, never its value (that is only in the keychain). */
export interface SecretRecord {
  name: string;
  description: string;
  envVar: string;
  tools: string[];
  createdAt: string;
  rotatedAt: string | null;
  lastUsedAt: string | null;
  rotationDays: number | null;
}

export interface ScopeChange {
  tools?: readonly string[];
  envVar?: string;
  description?: string;
  rotationDays?: number | null;
}

export interface SecretMetadataStore {
  list(): SecretRecord[];
  get(name: string): SecretRecord | undefined;
  /** Throws WardenError 'conflict' when the name or the variable is taken. */
  insert(record: SecretRecord): void;
  updateScope(name: string, change: ScopeChange): SecretRecord;
  markRotated(name: string, at: string): void;
  markUsed(names: readonly string[], at: string): void;
  delete(name: string): boolean;
  close(): void;
}

const schema = `
  CREATE TABLE IF NOT EXISTS secret_meta (
    name TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    env_var TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    rotated_at TEXT,
    last_used_at TEXT,
    rotation_days INTEGER
  ) STRICT;
  CREATE TABLE IF NOT EXISTS secret_tools (
    secret TEXT NOT NULL REFERENCES secret_meta(name) ON DELETE CASCADE,
    tool TEXT NOT NULL,
    PRIMARY KEY (secret, tool)
  ) STRICT, WITHOUT ROWID;
`;

const RowSchema = z.object({
  name: z.string(),
  description: z.string(),
  env_var: z.string(),
  created_at: z.string(),
  rotated_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  rotation_days: z.number().int().nullable(),
});
const ToolRowSchema = z.object({ secret: z.string(), tool: z.string() });

/**
 * Opens (creating if needed) the metadata tables in the SQLite file at `dbPath`, which may be
 * Warden's own `secrets.db` or a database shared with other areas. The file is made 0600 before
 * SQLite opens it, so it is never readable by others even for a moment; SQLite gives its -wal and
 * -shm files the same mode.
 */
export function openSecretMetadata(dbPath: string): SecretMetadataStore {
  if (dbPath !== ':memory:') {
    mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
    closeSync(openSync(dbPath, 'a', 0o600));
    if (process.platform !== 'win32') chmodSync(dbPath, 0o600);
  }
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(schema);

  const selectAll = db.prepare('SELECT * FROM secret_meta ORDER BY name');
  const selectOne = db.prepare('SELECT * FROM secret_meta WHERE name = ?');
  const selectTools = db.prepare('SELECT secret, tool FROM secret_tools ORDER BY secret, tool');
  const selectToolsOf = db.prepare('SELECT secret, tool FROM secret_tools WHERE secret = ? ORDER BY tool');
  const insertMeta = db.prepare(
    `INSERT INTO secret_meta (name, description, env_var, created_at, rotated_at, last_used_at, rotation_days)
     VALUES (@name, @description, @envVar, @createdAt, @rotatedAt, @lastUsedAt, @rotationDays)`,
  );
  const insertTool = db.prepare('INSERT INTO secret_tools (secret, tool) VALUES (?, ?)');
  const deleteTools = db.prepare('DELETE FROM secret_tools WHERE secret = ?');
  const updateMeta = db.prepare(
    'UPDATE secret_meta SET description = @description, env_var = @envVar, rotation_days = @rotationDays WHERE name = @name',
  );
  const updateRotated = db.prepare('UPDATE secret_meta SET rotated_at = ? WHERE name = ?');
  const updateUsed = db.prepare('UPDATE secret_meta SET last_used_at = ? WHERE name = ?');
  const deleteMeta = db.prepare('DELETE FROM secret_meta WHERE name = ?');

  const toRecord = (row: unknown, tools: string[]): SecretRecord => {
    const r = RowSchema.parse(row);
    return {
      name: r.name,
      description: r.description,
      envVar: r.env_var,
      tools,
      createdAt: r.created_at,
      rotatedAt: r.rotated_at,
      lastUsedAt: r.last_used_at,
      rotationDays: r.rotation_days,
    };
  };

  const get = (name: string): SecretRecord | undefined => {
    const row = selectOne.get(name);
    if (row === undefined) return undefined;
    const tools = selectToolsOf.all(name).map((t) => ToolRowSchema.parse(t).tool);
    return toRecord(row, tools);
  };

  const setTools = (name: string, tools: readonly string[]): void => {
    deleteTools.run(name);
    for (const tool of new Set(tools)) insertTool.run(name, tool);
  };

  const insert = db.transaction((record: SecretRecord) => {
    insertMeta.run({
      name: record.name,
      description: record.description,
      envVar: record.envVar,
      createdAt: record.createdAt,
      rotatedAt: record.rotatedAt,
      lastUsedAt: record.lastUsedAt,
      rotationDays: record.rotationDays,
    });
    setTools(record.name, record.tools);
  });

  const update = db.transaction((name: string, change: ScopeChange): SecretRecord => {
    const current = get(name);
    if (current === undefined) throw notFound(name);
    updateMeta.run({
      name,
      description: change.description ?? current.description,
      envVar: change.envVar ?? current.envVar,
      rotationDays: change.rotationDays === undefined ? current.rotationDays : change.rotationDays,
    });
    if (change.tools !== undefined) setTools(name, change.tools);
    const updated = get(name);
    if (updated === undefined) throw notFound(name);
    return updated;
  });

  const markUsed = db.transaction((names: readonly string[], at: string) => {
    for (const name of names) updateUsed.run(at, name);
  });

  return {
    list() {
      const toolsBySecret = new Map<string, string[]>();
      for (const row of selectTools.all()) {
        const { secret, tool } = ToolRowSchema.parse(row);
        const list = toolsBySecret.get(secret) ?? [];
        list.push(tool);
        toolsBySecret.set(secret, list);
      }
      return selectAll.all().map((row) => {
        const record = toRecord(row, []);
        record.tools = toolsBySecret.get(record.name) ?? [];
        return record;
      });
    },
    get,
    insert(record) {
      try {
        insert(record);
      } catch (error) {
        throw asConflict(error, record);
      }
    },
    updateScope(name, change) {
      try {
        return update(name, change);
      } catch (error) {
        throw asConflict(error, { name, envVar: change.envVar ?? '' });
      }
    },
    markRotated(name, at) {
      updateRotated.run(at, name);
    },
    markUsed(names, at) {
      markUsed(names, at);
    },
    delete(name) {
      return deleteMeta.run(name).changes > 0;
    },
    close() {
      db.close();
    },
  };
}

function notFound(name: string): WardenError {
  return new WardenError('not_found', `There is no secret named ${name}.`);
}

// SQLite names the column whose UNIQUE constraint failed; that tells the user which part clashed.
function asConflict(error: unknown, record: { name: string; envVar: string }): unknown {
  if (!(error instanceof Error) || !('code' in error)) return error;
  if (error.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' && error.code !== 'SQLITE_CONSTRAINT_UNIQUE') return error;
  if (error.message.includes('secret_meta.env_var')) {
    return new WardenError('conflict', `Another secret is already injected as ${record.envVar}; choose a different variable name.`);
  }
  return new WardenError('conflict', `A secret named ${record.name} already exists; rotate it to change its value.`);
}
