import { handle, type HandleOptions, type IpcMainLike } from './handle';
import type { SyncRelay } from '../services/sync-relay';

export function registerSyncHandlers(ipc: IpcMainLike, relay: SyncRelay, opts: HandleOptions): void {
  handle(ipc, 'sync:allow', async ({ origin, language }) => ({ allowed: await relay.allow(origin, language) }), opts);
  handle(ipc, 'sync:request', (input) => relay.request(input), opts);
}
