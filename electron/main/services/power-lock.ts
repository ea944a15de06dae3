import type { EventPayload } from '@shared/ipc/contract';

type LockReason = EventPayload<'vault:lock-requested'>['reason'];

/** The events of Electron's powerMonitor that mean "the user walked away". */
export interface PowerMonitorLike {
  on(event: 'suspend' | 'lock-screen', listener: () => void): unknown;
  off?(event: 'suspend' | 'lock-screen', listener: () => void): unknown;
}

/**
 * Locks the vault when the machine sleeps or the OS screen locks. The key
 * lives in the renderer, so locking is a message to every window.
 */
export function wirePowerLock(power: PowerMonitorLike, requestLock: (reason: LockReason) => void): () => void {
  const onSuspend = (): void => requestLock('suspend');
  const onLockScreen = (): void => requestLock('screen-lock');
  power.on('suspend', onSuspend);
  power.on('lock-screen', onLockScreen);
  return () => {
    power.off?.('suspend', onSuspend);
    power.off?.('lock-screen', onLockScreen);
  };
}
