import type { InputOf } from '../../app/contract/index.ts';

/** What `warden.secrets.set` takes: the schema's parsed form (defaults filled in). */
export type SecretSetRequest = InputOf<'secrets.set'>;
