import {
  BrowserWindow,
  Menu,
  app,
  clipboard,
  dialog,
  ipcMain,
  powerMonitor,
  protocol,
  session,
  webContents,
} from 'electron';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './protocol/app-protocol';
import { createMainWindow } from './windows/create-main-window';
import { appPermissions } from './windows/harden-web-contents';
import { registerAppHandlers } from './ipc/app-handlers';
import { registerPrintHandlers } from './ipc/print-handlers';
import { registerAnchorHandlers, registerOutputHandlers } from './ipc/output-handlers';
import { AuditAnchors } from './services/audit-anchors';
import { SyncRelay } from './services/sync-relay';
import { registerSyncHandlers } from './ipc/sync-handlers';
import { confirmSyncServer } from './sync-dialog';
import { OutputFiles } from './services/output-files';
import { wirePowerLock } from './services/power-lock';
import { forbiddenSwitches } from './services/launch-guard';
import { buildMenuTemplate } from './menu';
import type { EventPayload } from '@shared/ipc/contract';

// Wiring only: every decision lives in a module that is unit-tested.
const isDev = !app.isPackaged && Boolean(process.env['ELECTRON_RENDERER_URL']);
const devServerUrl = isDev ? process.env['ELECTRON_RENDERER_URL'] : undefined;

// A switch that opens the app to a debugger would expose the unlocked vault: refuse to start at all.
const refused = isDev ? [] : forbiddenSwitches(process.argv, process.platform);
if (refused.length) {
  console.error(`Athar will not start with ${refused.join(' ')}: it would let another program read the open vault.`);
  app.exit(1);
}

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

if (refused.length || !app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  const requestLock = (reason: EventPayload<'vault:lock-requested'>['reason']): void => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send('vault:lock-requested', { reason });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    appPermissions(session.defaultSession, devServerUrl);
    registerAppProtocol(protocol, path.join(import.meta.dirname, '../renderer'));
    registerAppHandlers(
      ipcMain,
      {
        version: app.getVersion(),
        platform: process.platform,
        locale: () => app.getLocale(),
        windowFor: (id) => BrowserWindow.getAllWindows().find((w) => w.webContents.id === id) ?? null,
        clearClipboard: () => clipboard.clear(),
      },
      { devServerUrl, log: (m) => console.warn(m) },
    );
    const contentsFor = (id: number) => webContents.fromId(id);
    registerPrintHandlers(
      ipcMain,
      {
        printToPdf: async (id) =>
          new Uint8Array(await contentsFor(id)!.printToPDF({ printBackground: true, preferCSSPageSize: true })),
        printDialog: (id) =>
          new Promise((resolve) => {
            contentsFor(id)!.print({ silent: false, printBackground: true }, (ok) => resolve(ok));
          }),
        chooseSavePath: async (id, suggestedName) => {
          const win = BrowserWindow.fromWebContents(contentsFor(id)!);
          const r = win
            ? await dialog.showSaveDialog(win, {
                defaultPath: suggestedName,
                filters: [{ name: 'PDF', extensions: ['pdf'] }],
              })
            : await dialog.showSaveDialog({ defaultPath: suggestedName });
          return r.canceled || !r.filePath ? null : r.filePath;
        },
        writeFile: (path, bytes) => writeFile(path, bytes),
      },
      { devServerUrl, log: (m) => console.warn(m) },
    );
    const focused = (): BrowserWindow | undefined =>
      BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    registerOutputHandlers(
      ipcMain,
      new OutputFiles(
        {
          chooseSavePath: async (suggestedName) => {
            const w = focused();
            const r = w
              ? await dialog.showSaveDialog(w, { defaultPath: suggestedName })
              : await dialog.showSaveDialog({ defaultPath: suggestedName });
            return r.canceled || !r.filePath ? null : r.filePath;
          },
          chooseFolder: async () => {
            const w = focused();
            const options = {
              properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
            };
            const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
            return r.canceled ? null : (r.filePaths[0] ?? null);
          },
        },
        path.join(app.getPath('userData'), 'backup-folder.json'),
      ),
      { devServerUrl, log: (m) => console.warn(m) },
    );
    registerAnchorHandlers(ipcMain, new AuditAnchors(path.join(app.getPath('userData'), 'audit-anchors.json')), {
      devServerUrl,
      log: (m) => console.warn(m),
    });
    registerSyncHandlers(
      ipcMain,
      new SyncRelay(path.join(app.getPath('userData'), 'sync-servers.json'), (origin, language) =>
        confirmSyncServer(dialog, BrowserWindow.getFocusedWindow(), origin, language),
      ),
      { devServerUrl, log: (m) => console.warn(m) },
    );
    wirePowerLock(powerMonitor, requestLock);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(buildMenuTemplate(app.getLocale(), isDev, () => requestLock('menu'))),
    );
    mainWindow = createMainWindow({
      preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'),
      devServerUrl,
      isDev,
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });

  app.on('window-all-closed', () => app.quit());
}
