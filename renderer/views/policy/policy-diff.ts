import type { PolicyBody, PolicyRule, RiskClass } from '../../../app/contract/index.ts';
import { limitViews, ruleWords } from './policy-words.ts';

/** One line of the summary shown before saving: what the save adds, removes or changes. */
export interface PolicyChange {
  readonly section: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly text: string;
}

function listChanges(section: string, before: readonly string[], after: readonly string[], label: (value: string) => string = (v) => v): PolicyChange[] {
  const had = new Set(before);
  const has = new Set(after);
  return [
    ...before.filter((value) => !has.has(value)).map((value) => ({ section, kind: 'removed' as const, text: label(value) })),
    ...after.filter((value) => !had.has(value)).map((value) => ({ section, kind: 'added' as const, text: label(value) })),
  ];
}

const ruleLine = (rule: PolicyRule): string => `${rule.id}: ${ruleWords(rule)}`;

function ruleChanges(before: readonly PolicyRule[], after: readonly PolicyRule[]): PolicyChange[] {
  const section = 'Rules';
  const old = new Map(before.map((rule) => [rule.id, rule]));
  const now = new Map(after.map((rule) => [rule.id, rule]));
  const changes: PolicyChange[] = [];
  for (const rule of before) if (!now.has(rule.id)) changes.push({ section, kind: 'removed', text: ruleLine(rule) });
  for (const rule of after) {
    const was = old.get(rule.id);
    if (was === undefined) changes.push({ section, kind: 'added', text: ruleLine(rule) });
    else if (JSON.stringify(was) !== JSON.stringify(rule)) {
      changes.push({ section, kind: 'changed', text: `${rule.id}: ${ruleWords(was)} → ${ruleWords(rule)}` });
    }
  }
  return changes;
}

/**
 * Everything a save would change, section by section, in page order. Both sides are bodies as
 * the form holds them; the core may still canonicalize paths (resolve symlinks) when it saves.
 */
export function diffPolicy(before: PolicyBody, after: PolicyBody, risks: ReadonlyMap<string, RiskClass> = new Map()): PolicyChange[] {
  const changes: PolicyChange[] = [];
  if (before.workspace !== after.workspace) {
    changes.push({ section: 'Workspace', kind: 'changed', text: `${before.workspace} → ${after.workspace || '(empty)'}` });
  }
  changes.push(...listChanges('Reference directories', before.references, after.references));
  changes.push(...listChanges('Network hosts', before.network.allowHosts, after.network.allowHosts));
  changes.push(...listChanges('Command allowlist', before.commands, after.commands));
  changes.push(
    ...listChanges('Enabled tools', before.enabledTools, after.enabledTools, (tool) => {
      const risk = risks.get(tool);
      return risk === undefined ? tool : `${tool} (${risk})`;
    }),
  );
  changes.push(...ruleChanges(before.rules, after.rules));
  for (const limit of limitViews) {
    const was = before.limits[limit.key];
    const now = after.limits[limit.key];
    if (was !== now && !(Number.isNaN(was) && Number.isNaN(now))) {
      changes.push({ section: 'Limits', kind: 'changed', text: `${limit.label}: ${limit.format(was)} → ${Number.isNaN(now) ? 'not a number' : limit.format(now)}` });
    }
  }
  return changes;
}
