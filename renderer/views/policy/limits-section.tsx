import type { Limits } from '../../../app/contract/index.ts';
import { Panel } from '../../components/panel.tsx';
import { FormField, fieldAria } from '../secrets/form-field.tsx';
import type { Editing } from './policy-fields.tsx';
import { inputId } from './policy-fields.tsx';
import { parseWhole } from './policy-form.ts';
import { limitViews } from './policy-words.ts';
import './limits-section.css';

/** What one tool call may use before the runner stops it; number inputs in the policy's own units while editing. */
export function LimitsSection({ limits, editing }: { limits: Limits; editing: Editing | null }) {
  return (
    <Panel title="Limits per call" className="limits" aside="enforced by the runner on every sandboxed call">
      {editing === null ? (
        <dl className="limits__grid" data-testid="policy-limits">
          {limitViews.map((limit) => (
            <div key={limit.key} className="limits__item" data-testid={`policy-limit-${limit.key}`}>
              <dt>{limit.label}</dt>
              <dd className="tabular">{limit.format(limits[limit.key])}</dd>
              <dd className="limits__explanation">{limit.explanation}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <div className="limits__grid limits__grid--form">
          {limitViews.map((limit) => {
            const field = `limits.${limit.key}`;
            const id = inputId(field);
            const error = editing.errors[field];
            const text = editing.fields.limits[limit.key];
            const value = parseWhole(text);
            return (
              <FormField
                key={limit.key}
                id={id}
                label={limit.label}
                area={limit.key}
                hint={Number.isNaN(value) ? limit.explanation : `${limit.format(value)}. ${limit.explanation}`}
                error={error}
              >
                <span className="input-suffix">
                  <input
                    {...fieldAria(id, error, true)}
                    className="input tabular"
                    inputMode="numeric"
                    value={text}
                    autoComplete="off"
                    onChange={(event) => editing.edit({ limits: { ...editing.fields.limits, [limit.key]: event.target.value } })}
                    data-testid={`policy-limit-input-${limit.key}`}
                  />
                  <span className="input-suffix__unit">{limit.unit}</span>
                </span>
              </FormField>
            );
          })}
        </div>
      )}
    </Panel>
  );
}
