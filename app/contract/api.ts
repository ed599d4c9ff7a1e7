import type { EventName, InputOf, OutputOf, PayloadOf, RequestName } from './contract.ts';
import { eventNames, requestNames } from './contract.ts';
import type { Result } from './result.ts';

type Area<N extends string> = N extends `${infer A}.${string}` ? A : never;
type Action<N extends string> = N extends `${string}.${infer B}` ? B : never;
/** Inputs whose fields are all optional may be left out: `warden.system.info()`. */
type EmptyInput<I> = Record<never, never> extends I ? true : false;

export type Unsubscribe = () => void;
export type RequestFn<N extends RequestName> =
  EmptyInput<InputOf<N>> extends true
    ? (input?: InputOf<N>) => Promise<Result<OutputOf<N>>>
    : (input: InputOf<N>) => Promise<Result<OutputOf<N>>>;
export type SubscribeFn<N extends EventName> = (listener: (payload: PayloadOf<N>) => void) => Unsubscribe;

/** `system.info` becomes `warden.system.info(input)`; the event `system.ping` becomes `warden.system.onPing(fn)`. */
export type WardenApi = {
  readonly [A in Area<RequestName | EventName>]: {
    readonly [N in RequestName as Area<N> extends A ? Action<N> : never]: RequestFn<N>;
  } & {
    readonly [N in EventName as Area<N> extends A ? `on${Capitalize<Action<N>>}` : never]: SubscribeFn<N>;
  };
};

/** What a transport provides; the API object is built on top of it the same way everywhere. */
export interface Transport {
  call(name: RequestName, input: unknown): Promise<Result<unknown>>;
  subscribe(name: EventName, listener: (payload: unknown) => void): Unsubscribe;
}

export const subscriberKey = (action: string): string =>
  `on${action.charAt(0).toUpperCase()}${action.slice(1)}`;

export function splitName(name: string): [area: string, action: string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}

/** Builds `window.warden`: one function per request, one subscription per event, nothing else. */
export function buildApi(transport: Transport): WardenApi {
  const areas: Record<string, Record<string, unknown>> = {};
  const areaOf = (area: string) => (areas[area] ??= {});
  for (const name of requestNames) {
    const [area, action] = splitName(name);
    areaOf(area)[action] = (input?: unknown) => transport.call(name, input ?? {});
  }
  for (const name of eventNames) {
    const [area, action] = splitName(name);
    areaOf(area)[subscriberKey(action)] = (listener: (payload: unknown) => void) =>
      transport.subscribe(name, listener);
  }
  for (const area of Object.values(areas)) Object.freeze(area);
  // The shape is derived from the contract above, entry by entry, so the cast only names it.
  return Object.freeze(areas) as unknown as WardenApi;
}
