import type { ReactNode } from 'react';
import type { PolicyBody, RiskClass, ToolInfo } from '../../../app/contract/index.ts';
import { Mono, Tag } from './policy-bits.tsx';
import type { Editing } from './policy-fields.tsx';
import { LinesField, TextField } from './policy-fields.tsx';
import { defaultOutcome } from './policy-words.ts';
import './perimeter-section.css';

interface Props {
  readonly body: PolicyBody;
  readonly tools: readonly ToolInfo[] | undefined;
  readonly refusedRisks: readonly string[];
  /** Set while editing: the cards become their forms. */
  readonly editing: Editing | null;
}

/** Enabled tools of some risk classes, with what each does when no rule matches. */
function enabledOf(body: PolicyBody, tools: readonly ToolInfo[] | undefined, risks: readonly RiskClass[]): Array<{ name: string; risk: RiskClass }> {
  if (tools === undefined) return [];
  const enabled = new Set(body.enabledTools);
  return tools.filter((tool) => enabled.has(tool.name) && risks.includes(tool.risk)).map((tool) => ({ name: tool.name, risk: tool.risk }));
}

/** What tools with each default outcome do: [one tool, several]. */
const outcomeVerb: Record<string, readonly [string, string]> = {
  runs: ['runs without asking', 'run without asking'],
  asks: ['asks a person first', 'ask a person first'],
  'always asks': ['always asks a person', 'always ask a person'],
};

/** "list_dir and read_file run without asking; write_file asks a person first." */
function ToolLine({ tools, none }: { tools: Array<{ name: string; risk: RiskClass }>; none: string }) {
  if (tools.length === 0) return <p className="perimeter__note">{none}</p>;
  const outcomes = [...new Set(tools.map((tool) => defaultOutcome[tool.risk]))];
  return (
    <p className="perimeter__note">
      {outcomes.map((outcome, group) => {
        const names = tools.filter((tool) => defaultOutcome[tool.risk] === outcome);
        const [one, several] = outcomeVerb[outcome] ?? [outcome, outcome];
        return (
          <span key={outcome}>
            {group > 0 && '; '}
            {names.map((tool, index) => (
              <span key={tool.name}>
                {index > 0 && (index === names.length - 1 ? ' and ' : ', ')}
                <code>{tool.name}</code>
              </span>
            ))}{' '}
            {names.length === 1 ? one : several}
          </span>
        );
      })}
      , when no rule says otherwise.
    </p>
  );
}

function Card({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="perimeter__card" aria-label={title} data-testid={testId}>
      <h3 className="perimeter__title">{title}</h3>
      {children}
    </section>
  );
}

/** The perimeter in four questions: what the agent can read, write, reach and run. */
export function PerimeterSection({ body, tools, refusedRisks, editing }: Props) {
  const known = tools !== undefined;
  const enabled = new Set(body.enabledTools);
  const readers = enabledOf(body, tools, ['read']);
  const writers = enabledOf(body, tools, ['write', 'destructive']);
  const httpOn = enabled.has('http_request');
  const runOn = enabled.has('run_command');
  const e = editing;

  return (
    <section className="perimeter" aria-labelledby="perimeter-heading">
      <h2 id="perimeter-heading" className="policy-section-title">
        Perimeter
      </h2>
      <div className="perimeter__grid">
        <Card title="What the agent can read" testId="policy-read">
          {e === null ? (
            <ul className="perimeter__list">
              <li>
                <Mono testId="policy-workspace">{body.workspace}</Mono>
                <Tag tone="write">workspace · read-write</Tag>
              </li>
              {body.references.map((ref) => (
                <li key={ref}>
                  <Mono testId="policy-reference">{ref}</Mono>
                  <Tag>reference · read-only</Tag>
                </li>
              ))}
            </ul>
          ) : (
            <div className="perimeter__form">
              <TextField
                field="workspace"
                label="Workspace (read-write)"
                hint="An existing directory, as an absolute path; never Warden’s data directory."
                value={e.fields.workspace}
                error={e.errors['workspace']}
                testId="policy-workspace-input"
                onChange={(workspace) => e.edit({ workspace })}
              />
              <LinesField
                field="references"
                label="Reference directories (read-only)"
                hint="One absolute path per line; they may not overlap the workspace."
                value={e.fields.references}
                error={e.errors['references']}
                placeholder="/srv/docs"
                testId="policy-references-input"
                onChange={(references) => e.edit({ references })}
              />
            </div>
          )}
          {known && <ToolLine tools={readers} none="No tool that reads is enabled." />}
          <p className="perimeter__note muted">Nothing outside these directories, and never Warden’s data directory.</p>
        </Card>

        <Card title="What it can write" testId="policy-write">
          <ul className="perimeter__list">
            <li>
              <Mono>{e === null ? body.workspace : e.fields.workspace.trim() || '(no workspace)'}</Mono>
              <Tag tone="write">only the workspace</Tag>
            </li>
          </ul>
          {known && <ToolLine tools={writers} none="Nothing: no tool that writes or deletes is enabled." />}
          <p className="perimeter__note muted">
            Reference directories and system files are mounted read-only in the sandbox. Deletes always ask a person.
            {refusedRisks.includes('destructive') && ' Deletes are refused now: isolation is below the accepted level.'}
          </p>
        </Card>

        <Card title="What it can reach" testId="policy-reach">
          {e === null ? (
            body.network.allowHosts.length === 0 ? (
              <p className="perimeter__empty">No host is on the network allowlist.</p>
            ) : (
              <ul className="perimeter__list">
                {body.network.allowHosts.map((host) => (
                  <li key={host}>
                    <Mono testId="policy-host">{host}</Mono>
                    <Tag>HTTPS{/:\d+$/.test(host) ? '' : ' :443'}</Tag>
                  </li>
                ))}
              </ul>
            )
          ) : (
            <div className="perimeter__form">
              <LinesField
                field="hosts"
                label="Network allowlist"
                hint={
                  <>
                    One host per line: <code>api.example.com</code>, <code>*.example.com</code> (subdomains), an optional <code>:port</code>.
                  </>
                }
                value={e.fields.hosts}
                error={e.errors['hosts']}
                placeholder="api.example.com"
                testId="policy-hosts-input"
                onChange={(hosts) => e.edit({ hosts })}
              />
            </div>
          )}
          <p className="perimeter__note">
            {httpOn ? (
              <>
                Over HTTPS only, through <code>http_request</code>, which the console runs itself ({defaultOutcome.network} when no rule
                says otherwise).
              </>
            ) : (
              <>
                Nothing at the moment: <code>http_request</code> is not enabled.
              </>
            )}
          </p>
          <p className="perimeter__note muted">Tools in the sandbox have no network at all.</p>
        </Card>

        <Card title="What it can run" testId="policy-run">
          {e === null ? (
            body.commands.length === 0 ? (
              <p className="perimeter__empty">No program is on the command allowlist.</p>
            ) : (
              <ul className="perimeter__list">
                {body.commands.map((command) => (
                  <li key={command}>
                    <Mono testId="policy-command">{command}</Mono>
                  </li>
                ))}
              </ul>
            )
          ) : (
            <div className="perimeter__form">
              <LinesField
                field="commands"
                label="Command allowlist"
                hint="One program per line, as an absolute path outside the workspace, e.g. /usr/bin/ls."
                value={e.fields.commands}
                error={e.errors['commands']}
                placeholder="/usr/bin/ls"
                testId="policy-commands-input"
                onChange={(commands) => e.edit({ commands })}
              />
            </div>
          )}
          <p className="perimeter__note">
            {runOn ? (
              <>
                Through <code>run_command</code>: an argument vector, never a shell string, in the sandbox ({defaultOutcome.exec} when no
                rule says otherwise).
              </>
            ) : (
              <>
                Nothing at the moment: <code>run_command</code> is not enabled.
              </>
            )}
            {runOn && refusedRisks.includes('exec') && <strong> Refused now: isolation is below the accepted level.</strong>}
          </p>
        </Card>
      </div>
    </section>
  );
}
