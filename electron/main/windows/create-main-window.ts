import { BrowserWindow } from 'electron';
import path from 'node:path';
import { APP_ORIGIN } from './navigation-guards';
import { hardenWebContents } from './harden-web-contents';

export interface MainWindowOptions {
  preloadPath: string;
  devServerUrl?: string | undefined;
  isDev: boolean;
}

/** The one place windows are made, so every window gets the same protections. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Athar',
    backgroundColor: '#f8f9fa',
    webPreferences: {
      preload: path.resolve(opts.preloadPath),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: opts.isDev,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
    },
  });
  hardenWebContents(win.webContents, { devServerUrl: opts.devServerUrl });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}
