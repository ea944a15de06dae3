import { handle, type HandleOptions, type IpcMainLike } from './handle';
import type { OutputFiles } from '../services/output-files';
import type { AuditAnchors } from '../services/audit-anchors';

export function registerAnchorHandlers(ipc: IpcMainLike, anchors: AuditAnchors, opts: HandleOptions): void {
  handle(ipc, 'anchor:load', async ({ vaultId }) => ({ sealed: await anchors.load(vaultId) }), opts);
  handle(ipc, 'anchor:save', ({ vaultId, seq, sealed }) => anchors.save(vaultId, seq, sealed), opts);
}

export function registerOutputHandlers(ipc: IpcMainLike, files: OutputFiles, opts: HandleOptions): void {
  handle(
    ipc,
    'output:begin',
    ({ suggestedName, where, companionText }) => files.begin(suggestedName, where, companionText),
    opts,
  );
  handle(ipc, 'output:write', ({ handle: h, bytes }) => files.write(h, bytes), opts);
  handle(ipc, 'output:finish', async ({ handle: h }) => ({ path: await files.finish(h) }), opts);
  handle(ipc, 'output:abort', ({ handle: h }) => files.abort(h), opts);
  handle(ipc, 'backup:choose-folder', async () => ({ path: await files.chooseBackupFolder() }), opts);
  handle(ipc, 'backup:folder', async () => ({ path: await files.backupFolder() }), opts);
  handle(ipc, 'backup:rotate', async ({ keep }) => ({ deleted: await files.rotate(keep) }), opts);
}
