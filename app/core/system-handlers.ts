import { arch, platform } from 'node:os';
import type { Handlers } from '../contract/index.ts';
import type { Runner } from '../runner/index.ts';
import type { AuditKeySource } from './audit-key.ts';
import type { WardenConfig } from './config.ts';
import { wardenVersion } from './version.ts';

export function systemHandlers(config: WardenConfig, startedAt: Date, auditKey: AuditKeySource, runner: Runner): Pick<Handlers, 'system.info'> {
  return {
    'system.info': () => ({
      name: 'Warden',
      version: wardenVersion,
      platform: platform(),
      arch: arch(),
      nodeVersion: process.versions.node,
      isolation: runner.isolation.level,
      dataDir: config.dataDir,
      startedAt: startedAt.toISOString(),
      shell: config.shell,
      auditKey,
    }),
  };
}
