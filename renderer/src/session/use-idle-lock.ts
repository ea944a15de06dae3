import { useEffect } from 'react';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls onIdle once no key, pointer or wheel activity has been seen for the
 * given minutes. Checks with Date.now() so a sleeping tab or a slow timer
 * cannot stretch the limit.
 */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  useEffect(() => {
    let last = Date.now();
    const touch = (): void => {
      last = Date.now();
    };
    for (const ev of ACTIVITY) window.addEventListener(ev, touch, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) onIdle();
    }, 5_000);
    return () => {
      window.clearInterval(timer);
      for (const ev of ACTIVITY) window.removeEventListener(ev, touch, { capture: true });
    };
  }, [minutes, onIdle]);
}
