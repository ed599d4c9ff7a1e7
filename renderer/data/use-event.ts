import { useEffect, useEffectEvent } from 'react';
import type { EventName, PayloadOf } from '../../app/contract/index.ts';
import { useBridge } from './bridge-context.tsx';
import { subscribeTo } from './subscribe-to.ts';

/** Calls `listener` for every `name` event while the component is mounted. */
export function useEvent<N extends EventName>(name: N, listener: (payload: PayloadOf<N>) => void): void {
  const { api } = useBridge();
  const onEvent = useEffectEvent((payload: PayloadOf<N>) => listener(payload));
  useEffect(() => subscribeTo(api, name, (payload) => onEvent(payload)), [api, name]);
}
