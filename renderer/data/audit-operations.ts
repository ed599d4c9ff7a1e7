import { create } from 'zustand';
import type {
  AuditExportFormat,
  AuditExportResult,
  AuditFilter,
  AuditProgress,
  AuditVerifyReport,
  ErrorCode,
  WardenApi,
} from '../../app/contract/index.ts';
import { RequestError, unwrap } from './request-error.ts';

/** A long-running audit operation as the view shows it; `idle` until started, and again after dismiss. */
export type Operation<R> =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly operationId: string; readonly done: number; readonly total: number }
  | { readonly phase: 'done'; readonly result: R }
  | { readonly phase: 'failed'; readonly code: ErrorCode | 'error'; readonly message: string };

export type OperationName = 'verify' | 'export';

export interface AuditOperations {
  readonly verify: Operation<AuditVerifyReport>;
  readonly export: Operation<AuditExportResult>;
  /** The format of the running (or last) export. */
  readonly exportFormat: AuditExportFormat | null;
}

const idle = { phase: 'idle' } as const;
export const noOperations: AuditOperations = { verify: idle, export: idle, exportFormat: null };

/** Folds one `audit.progress` event in; events for other operations (or other clients) change nothing. */
export function applyProgress(state: AuditOperations, progress: AuditProgress): AuditOperations {
  const current = state[progress.operation];
  if (current.phase !== 'running' || current.operationId !== progress.operationId) return state;
  if (progress.done < current.done) return state;
  return { ...state, [progress.operation]: { ...current, done: progress.done, total: progress.total } };
}

/** A fresh id for matching `audit.progress` events; the contract allows [A-Za-z0-9_-]{1,64}. */
export function newOperationId(fill: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => crypto.getRandomValues(b)): string {
  const bytes = new Uint8Array(12);
  fill(bytes);
  return `op-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

interface OperationsStore extends AuditOperations {
  readonly progress: (progress: AuditProgress) => void;
  readonly dismiss: (name: OperationName) => void;
  readonly verifyNow: (api: WardenApi) => Promise<void>;
  readonly exportNow: (api: WardenApi, format: AuditExportFormat, filter: AuditFilter) => Promise<void>;
}

const failure = (error: unknown): Operation<never> =>
  error instanceof RequestError
    ? { phase: 'failed', code: error.code, message: error.message.slice(error.code.length + 2) }
    : { phase: 'failed', code: 'error', message: error instanceof Error ? error.message : String(error) };

/**
 * Verify and export, kept outside the view so a run that is under way (and its result) survives
 * navigating away and back. One of each at a time.
 */
export const useAuditOperations = create<OperationsStore>()((set, get) => ({
  ...noOperations,
  progress: (progress) => set((state) => applyProgress(state, progress)),
  dismiss: (name) => set({ [name]: idle }),
  verifyNow: async (api) => {
    if (get().verify.phase === 'running') return;
    const operationId = newOperationId();
    set({ verify: { phase: 'running', operationId, done: 0, total: 0 } });
    try {
      const result = unwrap(await api.audit.verify({ operationId }));
      set({ verify: { phase: 'done', result } });
    } catch (error) {
      set({ verify: failure(error) });
    }
  },
  exportNow: async (api, format, filter) => {
    if (get().export.phase === 'running') return;
    const operationId = newOperationId();
    set({ export: { phase: 'running', operationId, done: 0, total: 0 }, exportFormat: format });
    try {
      const result = unwrap(await api.audit.export({ format, filter, operationId }));
      set({ export: { phase: 'done', result } });
    } catch (error) {
      set({ export: failure(error) });
    }
  },
}));
