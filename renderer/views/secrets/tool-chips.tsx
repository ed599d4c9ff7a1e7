import { ToolNameSchema } from '../../../app/contract/index.ts';
import './tool-chips.css';

/** Tool names as small chips; names the contract would refuse are marked (in the forms' previews). */
export function ToolChips({ tools, empty, checked = false }: { tools: readonly string[]; empty: string; checked?: boolean }) {
  if (tools.length === 0) return <span className="tool-chips__empty">{empty}</span>;
  return (
    <ul className="tool-chips" aria-label="Tools">
      {tools.map((tool) => {
        const invalid = checked && !ToolNameSchema.safeParse(tool).success;
        return (
          <li key={tool} className={invalid ? 'tool-chip tool-chip--invalid' : 'tool-chip'}>
            {tool}
            {invalid && <span className="visually-hidden"> (not a valid tool name)</span>}
          </li>
        );
      })}
    </ul>
  );
}
