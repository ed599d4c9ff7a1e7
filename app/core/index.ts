export * from './config.ts';
export * from './csp.ts';
export * from './event-hub.ts';
export * from './paths.ts';
export * from './version.ts';
export * from './warden.ts';
