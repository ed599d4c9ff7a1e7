import { useEffect, useRef, useState } from 'react';

/**
 * `value`, changing at most once per `ms` (the latest value always arrives, at most `ms` late).
 * Counters and filter menus need not follow 1,000 events a second at 60 frames a second.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, last.current + ms - performance.now());
    const timer = setTimeout(() => {
      last.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
