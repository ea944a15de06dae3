import { describe, expect, it } from 'vitest';
import { channelMethods, contract, methodChannels } from '@shared/ipc/contract';
import type { IpcMainLike } from '../../../../electron/main/ipc/handle';
import { registerAppHandlers } from '../../../../electron/main/ipc/app-handlers';
import { registerPrintHandlers } from '../../../../electron/main/ipc/print-handlers';
import { registerAnchorHandlers, registerOutputHandlers } from '../../../../electron/main/ipc/output-handlers';
import type { AuditAnchors } from '../../../../electron/main/services/audit-anchors';
import type { OutputFiles } from '../../../../electron/main/services/output-files';
import { registerSyncHandlers } from '../../../../electron/main/ipc/sync-handlers';
import type { SyncRelay } from '../../../../electron/main/services/sync-relay';

describe('the IPC contract', () => {
  it('gives every channel its own method, and each method back its channel', () => {
    const channels = Object.keys(contract).sort();
    expect(Object.keys(channelMethods).sort()).toEqual(channels);
    const methods = Object.values(channelMethods);
    expect(new Set(methods).size).toBe(methods.length);
    for (const [channel, method] of Object.entries(channelMethods))
      expect(methodChannels[method as keyof typeof methodChannels]).toBe(channel);
  });

  it('has a handler in the main process for every channel, and none besides', () => {
    const registered: string[] = [];
    const ipc: IpcMainLike = { handle: (channel) => void registered.push(channel) };
    const unused = (): never => {
      throw new Error('not called');
    };
    registerAppHandlers(
      ipc,
      { version: '0', platform: 'linux', locale: () => 'en', windowFor: unused, clearClipboard: unused },
      {},
    );
    registerPrintHandlers(
      ipc,
      { printToPdf: unused, printDialog: unused, chooseSavePath: unused, writeFile: unused },
      {},
    );
    registerOutputHandlers(ipc, {} as OutputFiles, {});
    registerAnchorHandlers(ipc, {} as AuditAnchors, {});
    registerSyncHandlers(ipc, {} as SyncRelay, {});
    expect(registered.sort()).toEqual(Object.keys(contract).sort());
  });
});
