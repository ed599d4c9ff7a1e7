import type { FormEvent } from 'react';
import { useId, useRef, useState } from 'react';
import type { AgentModelChoice, ModelStatus } from '../../../app/contract/index.ts';
import { agentDefaultMaxSteps, agentMaxStepsLimit, agentTaskMaxChars } from '../../../app/contract/index.ts';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { useStartSession } from '../../data/agent-actions.ts';
import { checkScript, exampleScript } from '../../data/agent-script.ts';
import { FormField, fieldAria } from '../secrets/form-field.tsx';
import { modelName } from './agent-format.ts';

type Choice = AgentModelChoice['kind'];

interface Errors {
  task?: string | undefined;
  maxSteps?: string | undefined;
  model?: string | undefined;
  script?: readonly string[] | undefined;
}

function checkMaxSteps(text: string): number | string {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 1 || value > agentMaxStepsLimit) return `A whole number from 1 to ${agentMaxStepsLimit}.`;
  return value;
}

/**
 * The task box: the instruction, the step limit, and what drives the session — the loaded model,
 * or a pasted script replayed as the model's turns (checked here with the contract's schema).
 */
export function TaskForm({ model }: { model: ModelStatus | undefined }) {
  const start = useStartSession();
  const prefix = `agent-task-${useId().replaceAll(':', '')}`;
  const [task, setTask] = useState('');
  const [maxSteps, setMaxSteps] = useState(String(agentDefaultMaxSteps));
  const [picked, setPicked] = useState<Choice | null>(null);
  const [script, setScript] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const taskRef = useRef<HTMLTextAreaElement>(null);
  const ready = model?.state === 'ready';
  // Until the person picks, the loaded model when there is one.
  const choice: Choice = picked ?? (ready ? 'loaded' : 'scripted');
  const scriptCheck = choice === 'scripted' && script.trim() !== '' ? checkScript(script) : null;
  const scriptErrors = errors.script ?? (scriptCheck !== null && !scriptCheck.ok ? scriptCheck.errors : undefined);

  const clear = (field: keyof Errors) => {
    setErrors((current) => (current[field] === undefined ? current : { ...current, [field]: undefined }));
    start.reset();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (start.pending) return;
    const next: Errors = {};
    const trimmed = task.trim();
    if (trimmed === '') next.task = 'Give the agent a task.';
    else if (trimmed.length > agentTaskMaxChars) next.task = `At most ${agentTaskMaxChars.toLocaleString('en-US')} characters.`;
    const steps = checkMaxSteps(maxSteps);
    if (typeof steps === 'string') next.maxSteps = steps;
    let modelChoice: AgentModelChoice | null = null;
    if (choice === 'loaded') {
      if (ready) modelChoice = { kind: 'loaded' };
      else next.model = 'No model is loaded: load one above, or choose Scripted.';
    } else {
      const checked = checkScript(script);
      if (checked.ok) modelChoice = { kind: 'scripted', script: checked.script };
      else next.script = checked.errors;
    }
    setErrors(next);
    if (modelChoice === null || typeof steps === 'string' || next.task !== undefined) {
      if (next.task !== undefined) taskRef.current?.focus();
      else document.getElementById(next.maxSteps !== undefined ? `${prefix}-steps` : `${prefix}-script`)?.focus();
      return;
    }
    await start.run({ task: trimmed, model: modelChoice, maxSteps: steps });
  };

  const loadedLabel = ready && model.model !== null ? `Loaded model: ${modelName(model.model)}` : 'Loaded model (none loaded)';

  return (
    <Panel title="Task" className="agent-task" testId="agent-task-panel">
      <form className="agent-task__form" noValidate onSubmit={(event) => void onSubmit(event)} data-testid="agent-task-form">
        <FormField id={`${prefix}-task`} label="Instruction" area="task" error={errors.task}>
          <textarea
            {...fieldAria(`${prefix}-task`, errors.task, false)}
            ref={taskRef}
            className="input agent-task__text"
            rows={4}
            value={task}
            placeholder="e.g. Read notes.txt and summarise it in one line."
            onChange={(event) => {
              setTask(event.target.value);
              clear('task');
            }}
            onKeyDown={(event) => {
              // Ctrl/Cmd+Enter starts, as in most chat boxes; Enter alone is a new line.
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
            data-testid="agent-task"
          />
        </FormField>

        <fieldset className="agent-task__choice" data-testid="agent-model-choice" data-choice={choice} aria-describedby={errors.model === undefined ? undefined : `${prefix}-model-error`}>
          <legend className="form-field__label">Model</legend>
          <label className="agent-choice">
            <input
              type="radio"
              name={`${prefix}-model`}
              value="loaded"
              checked={choice === 'loaded'}
              onChange={() => {
                setPicked('loaded');
                clear('model');
              }}
              data-testid="agent-model-loaded"
            />
            <span className="agent-choice__label">{loadedLabel}</span>
          </label>
          <label className="agent-choice">
            <input
              type="radio"
              name={`${prefix}-model`}
              value="scripted"
              checked={choice === 'scripted'}
              onChange={() => {
                setPicked('scripted');
                clear('model');
              }}
              data-testid="agent-model-scripted"
            />
            <span className="agent-choice__label">Scripted (replay)</span>
          </label>
          {errors.model !== undefined && (
            <span className="form-field__error" id={`${prefix}-model-error`} role="alert">
              {errors.model}
            </span>
          )}
        </fieldset>

        {choice === 'scripted' && (
          <div className="form-field form-field--script">
            <div className="agent-task__script-head">
              <label className="form-field__label" htmlFor={`${prefix}-script`}>
                Script
              </label>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setScript(exampleScript);
                  clear('script');
                }}
                data-testid="agent-script-example"
              >
                Insert example
              </Button>
            </div>
            <textarea
              {...fieldAria(`${prefix}-script`, scriptErrors === undefined ? undefined : scriptErrors.join(' '), true)}
              className="input input--mono agent-task__script"
              rows={8}
              value={script}
              spellCheck={false}
              placeholder={'{"version": 1, "turns": [{"action": {"final": "Hello."}}]}'}
              onChange={(event) => {
                setScript(event.target.value);
                clear('script');
              }}
              data-testid="agent-script"
            />
            <span className="form-field__hint" id={`${prefix}-script-hint`}>
              The model’s turns, replayed in order: it is only model output, and its tool calls meet the same policy and approvals.
            </span>
            {scriptErrors !== undefined && (
              <ul className="form-field__error agent-task__script-errors" id={`${prefix}-script-error`} role="alert" data-testid="agent-script-errors">
                {scriptErrors.map((error) => (
                  <li key={error}>{error}</li>
                ))}
              </ul>
            )}
          </div>
        )}

        <div className="agent-task__footer">
          <FormField id={`${prefix}-steps`} label="Max steps" area="steps" error={errors.maxSteps}>
            <input
              {...fieldAria(`${prefix}-steps`, errors.maxSteps, false)}
              className="input agent-task__steps tabular"
              type="number"
              inputMode="numeric"
              min={1}
              max={agentMaxStepsLimit}
              value={maxSteps}
              onChange={(event) => {
                setMaxSteps(event.target.value);
                clear('maxSteps');
              }}
              data-testid="agent-max-steps"
            />
          </FormField>
          <Button type="submit" variant="primary" disabled={start.pending} data-testid="agent-start">
            {start.pending ? 'Starting…' : 'Start'}
          </Button>
        </div>
        {start.error && <ErrorState error={start.error} testId="agent-start-error" />}
      </form>
    </Panel>
  );
}
