export * from './server.ts';
export * from './sessions.ts';
