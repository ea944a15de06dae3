import type { BrowserWindow, Dialog } from 'electron';

const TEXT = {
  en: {
    title: 'Allow a sync server?',
    message: (origin: string) => `Athar will send this vault’s encrypted work to ${origin}.`,
    detail:
      'Allow only the server your organisation’s administrator gave you. The server cannot read what it holds; it sees how much is sent, and when.',
    buttons: ['Allow', 'Do not allow'],
  },
  ar: {
    title: 'السماح بخادم مزامنة؟',
    message: (origin: string) => `سيرسل أثر عمل هذه الخزنة المشفّر إلى ${origin}.`,
    detail: 'لا تسمح إلا بالخادم الذي أعطاك إياه مسؤول منظمتك. لا يستطيع الخادم قراءة ما يحفظه؛ يرى كم يُرسل ومتى.',
    buttons: ['اسمح', 'لا تسمح'],
  },
};

/** The main process's own question: a page cannot draw it, answer it or see it. "Do not allow" is the default. */
export async function confirmSyncServer(
  dialog: Pick<Dialog, 'showMessageBox'>,
  win: BrowserWindow | null,
  origin: string,
  language: 'en' | 'ar',
): Promise<boolean> {
  const t = TEXT[language];
  const options = {
    type: 'question' as const,
    title: t.title,
    message: t.message(origin),
    detail: t.detail,
    buttons: t.buttons,
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return response === 0;
}
