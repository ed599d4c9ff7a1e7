export * from './http-request.ts';
export * from './manifest.ts';
export * from './manifests.ts';
export * from './prepared-call.ts';
export * from './safe-fs.ts';
export * from './sandbox-tools.ts';
export * from './tool-info.ts';
export * from './unified-diff.ts';
