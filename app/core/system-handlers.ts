import { arch, platform } from 'node:os';
import type { Handlers } from '../contract/index.ts';
import type { AuditKeySource } from './audit-key.ts';
import type { WardenConfig } from './config.ts';
import { wardenVersion } from './version.ts';

export function systemHandlers(config: WardenConfig, startedAt: Date, auditKey: AuditKeySource): Pick<Handlers, 'system.info'> {
  return {
    'system.info': () => ({
      name: 'Warden',
      version: wardenVersion,
      platform: platform(),
      arch: arch(),
      nodeVersion: process.versions.node,
      // The runner issue replaces this with the probed level (full / partial / none).
      isolation: 'unknown',
      dataDir: config.dataDir,
      startedAt: startedAt.toISOString(),
      shell: config.shell,
      auditKey,
    }),
  };
}
