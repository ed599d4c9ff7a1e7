export * from './approval-gate.ts';
export * from './child-runtime.ts';
export * from './launcher-script.ts';
export * from './probe.ts';
export * from './runner.ts';
export * from './setup-sandbox.ts';
export * from './tool-call-pipeline.ts';
export * from './tool-call-recorder.ts';
