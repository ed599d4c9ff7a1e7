import { create } from 'zustand';
import type { Policy, PolicyBody } from '../../../app/contract/index.ts';
import type { PolicyFields, RuleFields } from './policy-form.ts';
import { editableBody, fieldsOf, newRule } from './policy-form.ts';

/** An edit under way: the policy it started from and the form as typed. */
export interface PolicyDraft {
  /** The revision the edit started from: what `expectedRevision` says. */
  readonly baseRevision: number;
  readonly base: PolicyBody;
  readonly fields: PolicyFields;
  /** Save was tried once: field errors show from then on, and follow every keystroke. */
  readonly attempted: boolean;
}

interface DraftStore {
  readonly draft: PolicyDraft | null;
  readonly start: (policy: Policy) => void;
  readonly edit: (change: Partial<PolicyFields>) => void;
  readonly editRule: (key: string, change: Partial<RuleFields>) => void;
  readonly addRule: () => string | null;
  readonly removeRule: (key: string) => void;
  readonly attempt: () => void;
  readonly discard: () => void;
}

/**
 * The policy edit, kept outside the view so that going to another view and back keeps what was
 * typed. Nothing here is secret: it is the same document every console of this Warden can read.
 */
export const usePolicyDraft = create<DraftStore>()((set, get) => {
  const update = (change: (draft: PolicyDraft) => Partial<PolicyDraft>) =>
    set((state) => (state.draft === null ? state : { draft: { ...state.draft, ...change(state.draft) } }));
  return {
    draft: null,
    start: (policy) => {
      const base = editableBody(policy);
      set({ draft: { baseRevision: policy.revision, base, fields: fieldsOf(base), attempted: false } });
    },
    edit: (change) => update((draft) => ({ fields: { ...draft.fields, ...change } })),
    editRule: (key, change) =>
      update((draft) => ({
        fields: { ...draft.fields, rules: draft.fields.rules.map((rule) => (rule.key === key ? { ...rule, ...change } : rule)) },
      })),
    addRule: () => {
      const draft = get().draft;
      if (draft === null) return null;
      const rule = newRule(draft.fields.rules);
      update((current) => ({ fields: { ...current.fields, rules: [...current.fields.rules, rule] } }));
      return rule.key;
    },
    removeRule: (key) =>
      update((draft) => ({ fields: { ...draft.fields, rules: draft.fields.rules.filter((rule) => rule.key !== key) } })),
    attempt: () => update(() => ({ attempted: true })),
    discard: () => set({ draft: null }),
  };
});
