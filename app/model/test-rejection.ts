import type { ModelError } from './model-error.ts';

/** The error a host's promise rejects with; fails the test when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    return error as ModelError;
  }
  throw new Error('expected a rejection');
}
