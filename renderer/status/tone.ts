/** The status colours of the console; every badge and dot uses one of these. */
export type Tone = 'ok' | 'warn' | 'bad' | 'neutral' | 'info';
