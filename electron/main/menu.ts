import type { MenuItemConstructorOptions } from 'electron';

/** Labels for the few native menu items; the rest of the UI is translated in the renderer. */
const LABELS = {
  en: { file: 'File', lock: 'Lock vault', quit: 'Quit', edit: 'Edit', view: 'View', window: 'Window' },
  ar: { file: 'ملف', lock: 'قفل الخزنة', quit: 'إنهاء', edit: 'تحرير', view: 'عرض', window: 'نافذة' },
} as const;

export function buildMenuTemplate(locale: string, isDev: boolean, onLock: () => void): MenuItemConstructorOptions[] {
  const l = locale.startsWith('ar') ? LABELS.ar : LABELS.en;
  return [
    {
      label: l.file,
      submenu: [
        { label: l.lock, accelerator: 'CmdOrCtrl+L', click: onLock },
        { type: 'separator' },
        { role: 'quit', label: l.quit },
      ],
    },
    { label: l.edit, role: 'editMenu' },
    {
      label: l.view,
      submenu: isDev
        ? [{ role: 'reload' }, { role: 'toggleDevTools' }, { role: 'togglefullscreen' }]
        : [{ role: 'togglefullscreen' }],
    },
    { label: l.window, role: 'windowMenu' },
  ];
}
