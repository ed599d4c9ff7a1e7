export * from './login-throttle.ts';
export * from './server.ts';
export * from './sessions.ts';
