export * from './cli-access.ts';
export * from './cli-endpoint.ts';
export * from './config.ts';
export * from './csp.ts';
export * from './event-hub.ts';
export * from './login-throttle.ts';
export * from './origin-check.ts';
export * from './paths.ts';
export * from './readiness.ts';
export * from './version.ts';
export * from './warden.ts';
export * from './ws-transport.ts';
// The CLI reaches the runner's setup through the core (DESIGN.md: the CLI imports core).
export { setupSandbox, uninstallSandbox } from '../runner/index.ts';
