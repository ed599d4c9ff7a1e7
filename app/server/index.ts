export * from './cli-access.ts';
export * from './login-throttle.ts';
export * from './origin-check.ts';
export * from './server.ts';
export * from './sessions.ts';
