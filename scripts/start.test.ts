import { describe, expect, it } from 'vitest';
import { noElectronMessage, planStart } from './start.ts';

describe('npm start', () => {
  it('opens the desktop app when the Electron binary exists', () => {
    expect(planStart('/repo', ['--flag'], '/repo/node_modules/electron/dist/electron', '/bin/node')).toEqual({
      command: '/repo/node_modules/electron/dist/electron',
      args: ['.', '--flag'],
    });
  });

  it('falls back to the headless console, and says why, when it does not', () => {
    const plan = planStart('/repo', ['--port', '0'], null, '/bin/node');
    expect(plan).toEqual({ command: '/bin/node', args: ['/repo/app/cli/warden.ts', 'serve', '--port', '0'], notice: noElectronMessage });
    expect(plan.notice).toMatch(/headless console/);
  });
});
