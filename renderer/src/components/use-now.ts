import { useEffect, useState } from 'react';

/** The time, brought up to date every `everyMs` (ages and "since" texts; a re-render per tick). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
