import { handle, type HandleOptions, type IpcMainLike } from './handle';

/** What printing needs from Electron, injected so it can be tested without the binary. */
export interface PrintServices {
  /** The sender's page as PDF bytes, honouring its CSS page size and print backgrounds. */
  printToPdf: (senderId: number) => Promise<Uint8Array>;
  /** The system print dialog for the sender's page; false if the user cancelled. */
  printDialog: (senderId: number) => Promise<boolean>;
  /** A save dialog; null if the user cancelled. */
  chooseSavePath: (senderId: number, suggestedName: string) => Promise<string | null>;
  writeFile: (path: string, bytes: Uint8Array) => Promise<void>;
}

export function registerPrintHandlers(ipc: IpcMainLike, s: PrintServices, opts: HandleOptions): void {
  handle(ipc, 'print:system', async (_input, event) => ({ printed: await s.printDialog(event.sender.id) }), opts);
  handle(
    ipc,
    'print:pdf',
    async ({ suggestedName }, event) => {
      const name = suggestedName.toLowerCase().endsWith('.pdf') ? suggestedName : `${suggestedName}.pdf`;
      const path = await s.chooseSavePath(event.sender.id, name);
      if (!path) return { saved: false, path: null };
      // Rendered only once a place to save is chosen: nothing of the case exists outside the vault before that.
      const bytes = await s.printToPdf(event.sender.id);
      await s.writeFile(path, bytes);
      return { saved: true, path };
    },
    opts,
  );
}
