import type { IsolationLevel } from '../../app/contract/index.ts';
import type { Tone } from './tone.ts';

export interface IsolationView {
  readonly label: string;
  readonly tone: Tone;
  readonly explanation: string;
}

/** How the console presents each isolation level; "unknown" is neutral, not an alarm. */
export const isolationViews: Record<IsolationLevel, IsolationView> = {
  full: {
    label: 'Full',
    tone: 'ok',
    explanation: 'Tool calls run as the dedicated warden-agent user inside the OS sandbox, without network access.',
  },
  partial: {
    label: 'Partial',
    tone: 'warn',
    explanation:
      'Either the dedicated agent user or the OS sandbox is missing. Tools that execute programs stay refused until an admin accepts the lower level.',
  },
  none: {
    label: 'None',
    tone: 'bad',
    explanation:
      'Neither the dedicated agent user nor an OS sandbox is available. Tools that execute programs stay refused until an admin accepts running without isolation.',
  },
  unknown: {
    label: 'Unknown',
    tone: 'neutral',
    explanation:
      'Not measured yet: the sandboxed tool runner, which probes this machine for the dedicated agent user and the OS sandbox, is not part of this build.',
  },
};
