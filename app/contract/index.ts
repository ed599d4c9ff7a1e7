export * from './api.ts';
export * from './caller.ts';
export * from './contract.ts';
export * from './define.ts';
export * from './dispatch.ts';
export * from './result.ts';
export * from './system.ts';
export * from './wire.ts';
