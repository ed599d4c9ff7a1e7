import type { PolicyRule, RiskClass, ToolInfo, Verdict } from '../../../app/contract/index.ts';
import { verdicts } from '../../../app/contract/index.ts';
import { Button } from '../../components/button.tsx';
import { Panel } from '../../components/panel.tsx';
import { FormField, fieldAria } from '../secrets/form-field.tsx';
import { Mono, VerdictBadge } from './policy-bits.tsx';
import type { Editing } from './policy-fields.tsx';
import { LinesField, TextField, inputId } from './policy-fields.tsx';
import type { RuleFields } from './policy-form.ts';
import { ruleErrors, ruleScope } from './policy-form.ts';
import { argvWords, orList, toolWords, verdictOrder, verdictViews } from './policy-words.ts';
import './rules-section.css';

export interface RuleEditing extends Editing {
  readonly editRule: (key: string, change: Partial<RuleFields>) => void;
  readonly addRule: () => void;
  readonly removeRule: (key: string) => void;
}

/** How rules combine, said once above them. */
function HowRulesApply() {
  return (
    <div className="rules__how" data-testid="policy-rules-how">
      <p>
        Every call is checked against the rules for its tool and for <code>*</code> (every tool).{' '}
        <strong>Deny wins over ask, and ask over allow</strong>: the strongest verdict that matches decides, whatever the order of the
        rules. An allow rule covers a call only when all of its paths match; ask and deny apply when any path does.
      </p>
      <p className="muted">
        With no matching rule, reads run and everything else asks. Deletes always ask a person, and a session that has read untrusted
        content asks before it writes, deletes, runs or reaches out. A tool that is not enabled, a program not on the allowlist or a host
        not on the network allowlist is refused before any rule is read.
      </p>
    </div>
  );
}

function MatchWords({ rule }: { rule: PolicyRule }) {
  const parts = [];
  const paths = rule.paths;
  if (paths !== undefined) {
    parts.push(
      <span key="paths">
        {paths.length === 1 ? 'path' : 'paths'} matching{' '}
        {paths.map((glob, index) => (
          <span key={glob}>
            {index > 0 && (index === paths.length - 1 ? ' or ' : ', ')}
            <code>{glob}</code>
          </span>
        ))}
      </span>,
    );
  }
  if (rule.argv !== undefined) {
    parts.push(
      <span key="argv">
        exactly <code>{argvWords(rule.argv)}</code>
      </span>,
    );
  }
  if (rule.hosts !== undefined) {
    parts.push(
      <span key="hosts">
        {rule.hosts.length === 1 ? 'host' : 'hosts'} <code>{orList(rule.hosts)}</code>
      </span>,
    );
  }
  if (parts.length === 0) return <span>every call</span>;
  return parts.map((part, index) => (
    <span key={index}>
      {index > 0 && ', with '}
      {part}
    </span>
  ));
}

function RuleLine({ rule }: { rule: PolicyRule }) {
  return (
    <li className="rules__rule" data-testid="policy-rule" data-id={rule.id} data-verdict={rule.verdict} data-tool={rule.tool}>
      <VerdictBadge verdict={rule.verdict} />
      <span className="rules__what">
        <span className={rule.tool === '*' ? 'rules__tool rules__tool--any' : 'rules__tool'}>{rule.tool === '*' ? 'every tool' : <Mono>{rule.tool}</Mono>}</span>
        <span className="rules__sep">·</span>
        <MatchWords rule={rule} />
        {rule.note !== undefined && <span className="rules__note"> — {rule.note}</span>}
      </span>
      <span className="rules__id policy-mono" title="Rule id: decisions and the audit trail name it">
        {rule.id}
      </span>
    </li>
  );
}

function ReadRules({ rules }: { rules: readonly PolicyRule[] }) {
  if (rules.length === 0) {
    return (
      <p className="rules__empty" data-testid="policy-rules-empty">
        No rules: every enabled tool does what its risk class says (see “With no rule” above).
      </p>
    );
  }
  return (
    <div className="rules__groups">
      {verdictOrder.map((verdict) => {
        const group = rules.filter((rule) => rule.verdict === verdict);
        if (group.length === 0) return null;
        return (
          <section key={verdict} className="rules__group" aria-label={`${verdict} rules`}>
            <h3 className="rules__group-title">
              {verdict} <span className="muted">· {verdictViews[verdict].explanation}</span>
            </h3>
            <ul className="rules__list">
              {group.map((rule) => (
                <RuleLine key={rule.id} rule={rule} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function RuleEditor({
  rule,
  index,
  tools,
  risks,
  editing,
}: {
  rule: RuleFields;
  index: number;
  tools: readonly string[];
  risks: ReadonlyMap<string, RiskClass>;
  editing: RuleEditing;
}) {
  const errors = ruleErrors(editing.errors, rule.key);
  const scope = ruleScope(rule.tool, risks.get(rule.tool));
  const field = (name: string) => `rules.${rule.key}.${name}`;
  const set = (change: Partial<RuleFields>) => editing.editRule(rule.key, change);
  const toolId = inputId(field('tool'));
  const verdictId = inputId(field('verdict'));
  const options = tools.includes(rule.tool) || rule.tool === '*' ? tools : [...tools, rule.tool];

  return (
    <li className="rule-editor" data-testid="policy-rule" data-id={rule.id} data-verdict={rule.verdict} data-tool={rule.tool} id={inputId(`rules.${rule.key}`)} tabIndex={-1}>
      <fieldset className="rule-editor__fieldset">
        <legend className="visually-hidden">Rule {index + 1}</legend>
        <div className="rule-editor__grid">
          <FormField id={verdictId} label="Verdict" error={errors['verdict']} area="verdict">
            <select
              {...fieldAria(verdictId, errors['verdict'], false)}
              className="input"
              value={rule.verdict}
              onChange={(event) => set({ verdict: event.target.value as Verdict })}
              data-testid="policy-rule-verdict"
            >
              {verdicts.map((verdict) => (
                <option key={verdict} value={verdict}>
                  {verdict}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id={toolId} label="Tool" error={errors['tool']} area="tool">
            <select
              {...fieldAria(toolId, errors['tool'], false)}
              className="input input--mono"
              value={rule.tool}
              onChange={(event) => set({ tool: event.target.value })}
              data-testid="policy-rule-tool"
            >
              <option value="*">* (every tool)</option>
              {options.map((tool) => (
                <option key={tool} value={tool}>
                  {tool}
                </option>
              ))}
            </select>
          </FormField>
          <TextField
            field={field('id')}
            label="Id"
            value={rule.id}
            error={errors['id']}
            testId="policy-rule-id"
            onChange={(id) => set({ id })}
          />
          <TextField
            field={field('note')}
            label="Note"
            value={rule.note}
            error={errors['note']}
            placeholder="Why this rule exists"
            testId="policy-rule-note"
            mono={false}
            onChange={(note) => set({ note })}
          />
        </div>
        <div className="rule-editor__match">
          {scope.paths && (
            <LinesField
              field={field('paths')}
              label={rule.tool === 'run_command' ? 'Working directories (globs)' : 'Paths (globs)'}
              hint={
                <>
                  One per line, from the workspace or absolute; <code>**</code> crosses folders. Empty: any path.
                </>
              }
              value={rule.paths}
              error={errors['paths']}
              placeholder="src/**"
              testId="policy-rule-paths"
              onChange={(paths) => set({ paths })}
            />
          )}
          {scope.argv && (
            <LinesField
              field={field('argv')}
              label="Exact command (argv)"
              hint="One argument per line, the program first as the call gives it. Empty: any."
              value={rule.argv}
              error={errors['argv']}
              placeholder={'/usr/bin/ls\n-la'}
              testId="policy-rule-argv"
              onChange={(argv) => set({ argv })}
            />
          )}
          {scope.hosts && (
            <LinesField
              field={field('hosts')}
              label="Hosts"
              hint="One per line, as on the allowlist. Empty: any allowlisted host."
              value={rule.hosts}
              error={errors['hosts']}
              placeholder="api.example.com"
              testId="policy-rule-hosts"
              onChange={(hosts) => set({ hosts })}
            />
          )}
        </div>
        {errors['rule'] !== undefined && (
          <p className="form-field__error" role="alert">
            {errors['rule']}
          </p>
        )}
        <div className="rule-editor__foot">
          <span className="rule-editor__summary muted">
            {verdictViews[rule.verdict].label} {toolWords(rule.tool)}: {verdictViews[rule.verdict].explanation}
          </span>
          <Button size="sm" variant="ghost" className="policy-danger-ghost" onClick={() => editing.removeRule(rule.key)} data-testid="policy-rule-remove">
            Remove rule
          </Button>
        </div>
      </fieldset>
    </li>
  );
}

/** The allow/ask/deny rules: grouped by verdict, strongest first, or as editors while editing. */
export function RulesSection({
  rules,
  tools,
  risks,
  editing,
}: {
  rules: readonly PolicyRule[];
  tools: readonly ToolInfo[] | undefined;
  risks: ReadonlyMap<string, RiskClass>;
  editing: RuleEditing | null;
}) {
  const count = editing === null ? rules.length : editing.fields.rules.length;
  const names = (tools ?? []).map((tool) => tool.name);
  return (
    <Panel title="Rules" className="rules" aside={<span className="tabular">{count === 1 ? '1 rule' : `${count} rules`}</span>}>
      <HowRulesApply />
      {editing === null ? (
        <ReadRules rules={rules} />
      ) : (
        <>
          {editing.errors['rules'] !== undefined && (
            <p className="form-field__error" id={inputId('rules')} role="alert">
              {editing.errors['rules']}
            </p>
          )}
          {editing.fields.rules.length === 0 ? (
            <p className="rules__empty">No rules. Add one to allow, ask or deny calls more narrowly than the risk classes do.</p>
          ) : (
            <ol className="rules__editors">
              {editing.fields.rules.map((rule, index) => (
                <RuleEditor key={rule.key} rule={rule} index={index} tools={names} risks={risks} editing={editing} />
              ))}
            </ol>
          )}
          <Button onClick={editing.addRule} data-testid="policy-add-rule">
            Add rule
          </Button>
        </>
      )}
    </Panel>
  );
}
