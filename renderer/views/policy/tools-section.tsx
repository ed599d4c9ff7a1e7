import type { PolicyBody, RiskClass, ToolInfo } from '../../../app/contract/index.ts';
import { Badge } from '../../components/badge.tsx';
import { Panel } from '../../components/panel.tsx';
import { RiskBadge } from './policy-bits.tsx';
import type { Editing } from './policy-fields.tsx';
import { inputId } from './policy-fields.tsx';
import { defaultOutcome } from './policy-words.ts';
import './tools-section.css';

interface Row {
  readonly name: string;
  readonly risk: RiskClass | null;
  readonly description: string;
  readonly runsIn: ToolInfo['runsIn'] | null;
}

/** Every tool the core has (or, before tools.list answers, the enabled ones by name). */
function rowsOf(body: PolicyBody, tools: readonly ToolInfo[] | undefined): Row[] {
  if (tools !== undefined) return tools.map((tool) => ({ name: tool.name, risk: tool.risk, description: tool.description, runsIn: tool.runsIn }));
  return body.enabledTools.map((name) => ({ name, risk: null, description: '', runsIn: null }));
}

/** Enabled tools with their risk class, where they run and what they do when no rule matches; checkboxes while editing. */
export function ToolsSection({
  body,
  tools,
  refusedRisks,
  editing,
}: {
  body: PolicyBody;
  tools: readonly ToolInfo[] | undefined;
  refusedRisks: readonly string[];
  editing: Editing | null;
}) {
  const enabled = new Set(editing === null ? body.enabledTools : editing.fields.enabledTools);
  const rows = rowsOf(body, tools);
  const count = rows.filter((row) => enabled.has(row.name)).length;
  const error = editing?.errors['enabledTools'];

  const toggle = (name: string, on: boolean) => {
    if (editing === null) return;
    const current = editing.fields.enabledTools.filter((tool) => tool !== name);
    editing.edit({ enabledTools: on ? [...current, name] : current });
  };

  return (
    <Panel title="Tools" className="policy-tools" aside={<span className="tabular">{`${count} of ${rows.length} enabled`}</span>}>
      <fieldset className="policy-tools__fieldset" id={inputId('enabledTools')} tabIndex={-1} aria-describedby={error === undefined ? undefined : `${inputId('enabledTools')}-error`}>
        <legend className="visually-hidden">Enabled tools</legend>
        <table className="policy-table">
          <thead>
            <tr>
              <th scope="col">Tool</th>
              <th scope="col">Risk</th>
              <th scope="col">Runs in</th>
              <th scope="col">With no rule</th>
              <th scope="col">What it does</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const on = enabled.has(row.name);
              const refused = on && row.risk !== null && refusedRisks.includes(row.risk);
              const descriptionId = `policy-tool-desc-${row.name}`;
              return (
                <tr key={row.name} data-testid={`policy-tool-${row.name}`} data-enabled={on} className={on ? undefined : 'policy-tools__off'}>
                  <th scope="row">
                    {editing === null ? (
                      <span className="policy-tools__name">
                        <span className={`policy-tools__state policy-tools__state--${on ? 'on' : 'off'}`} aria-hidden="true" />
                        <span className="policy-mono">{row.name}</span>
                        <span className="visually-hidden">{on ? ' (enabled)' : ' (not enabled)'}</span>
                      </span>
                    ) : (
                      <label className="policy-tools__name policy-tools__check">
                        <input
                          type="checkbox"
                          checked={on}
                          onChange={(event) => toggle(row.name, event.target.checked)}
                          aria-describedby={row.description === '' ? undefined : descriptionId}
                          data-testid={`policy-tool-toggle-${row.name}`}
                        />
                        <span className="policy-mono">{row.name}</span>
                      </label>
                    )}
                  </th>
                  <td>{row.risk === null ? <span className="muted">—</span> : <RiskBadge risk={row.risk} />}</td>
                  <td className="muted">{row.runsIn === null ? '—' : row.runsIn === 'sandbox' ? 'sandbox' : 'console'}</td>
                  <td>
                    {!on ? (
                      <span className="muted">off</span>
                    ) : refused ? (
                      <Badge tone="bad">refused now</Badge>
                    ) : row.risk === null ? (
                      '—'
                    ) : (
                      defaultOutcome[row.risk]
                    )}
                  </td>
                  <td className="policy-tools__description" id={descriptionId} title={row.description}>
                    {row.description}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      {error !== undefined && (
        <p className="form-field__error policy-tools__error" id={`${inputId('enabledTools')}-error`} role="alert">
          {error}
        </p>
      )}
    </Panel>
  );
}
