import type { Api, EventPayload } from '../../../shared/ipc/contract';

export type LockRequestReason = EventPayload<'vault:lock-requested'>['reason'];

/**
 * What the app needs from its host. In Electron this is window.api (the
 * preload bridge); in a plain browser (end-to-end tests, development) it is
 * implemented with web APIs. No other module touches window.api.
 */
export interface Platform {
  kind: 'electron' | 'browser';
  onLockRequested(listener: (reason: LockRequestReason) => void): () => void;
  setTitle(title: string): void;
  openExternal(url: string): Promise<boolean>;
}

function electronPlatform(api: Api): Platform {
  return {
    kind: 'electron',
    onLockRequested: (listener) => api.onLockRequested((p) => listener(p.reason)),
    setTitle: (title) => { void api.setTitle({ title }); },
    openExternal: async (url) => { const r = await api.openExternal({ url }); return r.ok && r.value.opened; },
  };
}

function browserPlatform(): Platform {
  return {
    kind: 'browser',
    onLockRequested: () => () => undefined,
    setTitle: (title) => { document.title = title; },
    openExternal: async (url) => {
      if (!/^(https|mailto):/i.test(url)) return false;
      return window.open(url, '_blank', 'noopener,noreferrer') !== null;
    },
  };
}

declare global {
  interface Window { api?: Api }
}

export const platform: Platform = typeof window !== 'undefined' && window.api ? electronPlatform(window.api) : browserPlatform();
