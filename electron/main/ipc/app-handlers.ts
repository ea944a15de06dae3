import type { BrowserWindow } from 'electron';
import { handle, type HandleOptions, type IpcMainLike } from './handle';

export interface AppServices {
  version: string;
  platform: string;
  locale: () => string;
  windowFor: (senderId: number) => Pick<BrowserWindow, 'setTitle'> | null;
  clearClipboard: () => void;
}

export function registerAppHandlers(ipc: IpcMainLike, s: AppServices, opts: HandleOptions): void {
  handle(ipc, 'app:info', () => ({ version: s.version, platform: s.platform, locale: s.locale() }), opts);
  handle(
    ipc,
    'window:set-title',
    ({ title }, event) => {
      s.windowFor(event.sender.id)?.setTitle(title);
    },
    opts,
  );
  handle(ipc, 'app:clear-clipboard', () => s.clearClipboard(), opts);
}
