import { contextBridge, ipcRenderer } from 'electron';
import { events, methodChannels, type Api } from '@shared/ipc/contract';

// No logic here: one method per contract channel, one subscribe per event.
const api = {
  appInfo: () => ipcRenderer.invoke(methodChannels.appInfo),
  setTitle: (input) => ipcRenderer.invoke(methodChannels.setTitle, input),
  clearClipboard: () => ipcRenderer.invoke(methodChannels.clearClipboard),
  printPage: () => ipcRenderer.invoke(methodChannels.printPage),
  savePdf: (input) => ipcRenderer.invoke(methodChannels.savePdf, input),
  outputBegin: (input) => ipcRenderer.invoke(methodChannels.outputBegin, input),
  outputWrite: (input) => ipcRenderer.invoke(methodChannels.outputWrite, input),
  outputFinish: (input) => ipcRenderer.invoke(methodChannels.outputFinish, input),
  outputAbort: (input) => ipcRenderer.invoke(methodChannels.outputAbort, input),
  chooseBackupFolder: () => ipcRenderer.invoke(methodChannels.chooseBackupFolder),
  backupFolder: () => ipcRenderer.invoke(methodChannels.backupFolder),
  rotateBackups: (input) => ipcRenderer.invoke(methodChannels.rotateBackups, input),
  loadAnchor: (input) => ipcRenderer.invoke(methodChannels.loadAnchor, input),
  saveAnchor: (input) => ipcRenderer.invoke(methodChannels.saveAnchor, input),
  allowSyncServer: (input) => ipcRenderer.invoke(methodChannels.allowSyncServer, input),
  syncRequest: (input) => ipcRenderer.invoke(methodChannels.syncRequest, input),
  onLockRequested: (listener) => {
    const wrapped = (_e: unknown, payload: unknown): void => {
      const parsed = events['vault:lock-requested'].safeParse(payload);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on('vault:lock-requested', wrapped);
    return () => {
      ipcRenderer.removeListener('vault:lock-requested', wrapped);
    };
  },
} satisfies Api;

contextBridge.exposeInMainWorld('api', api);
