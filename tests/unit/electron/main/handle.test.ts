import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { handle, type IpcMainLike } from '../../../../electron/main/ipc/handle';
import { registerAppHandlers } from '../../../../electron/main/ipc/app-handlers';

// A fake ipcMain: Electron cannot be loaded outside its own binary.
function fakeIpc() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = {
    handle: (ch, fn) => {
      handlers.set(ch, fn);
    },
  };
  const invoke = (ch: string, frameUrl: string, ...args: unknown[]) =>
    handlers.get(ch)!({ senderFrame: { url: frameUrl }, sender: { id: 1 } } as unknown as IpcMainInvokeEvent, ...args);
  return { ipc, invoke, handlers };
}

describe('handle()', () => {
  it('answers the app page with validated output', async () => {
    const { ipc, invoke } = fakeIpc();
    handle(ipc, 'app:info', () => ({ version: '1.0.0', platform: 'linux', locale: 'ar' }));
    expect(await invoke('app:info', 'app://athar/index.html')).toEqual({
      ok: true,
      value: { version: '1.0.0', platform: 'linux', locale: 'ar' },
    });
  });

  it('refuses senders that are not the app page', async () => {
    const { ipc, invoke } = fakeIpc();
    let called = false;
    handle(ipc, 'app:info', () => {
      called = true;
      return { version: '1', platform: 'x', locale: 'en' };
    });
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', '']) {
      expect(await invoke('app:info', url)).toEqual({ ok: false, error: 'forbidden-sender' });
    }
    expect(called).toBe(false);
  });

  it('refuses input that does not match the contract', async () => {
    const { ipc, invoke } = fakeIpc();
    handle(ipc, 'window:set-title', () => undefined);
    expect(await invoke('window:set-title', 'app://athar/', { title: 42 })).toEqual({
      ok: false,
      error: 'invalid-input',
    });
    expect(await invoke('window:set-title', 'app://athar/', { title: 'x'.repeat(5000) })).toEqual({
      ok: false,
      error: 'invalid-input',
    });
  });

  it('turns exceptions into a plain failure without details', async () => {
    const { ipc, invoke } = fakeIpc();
    const logs: string[] = [];
    handle(
      ipc,
      'app:info',
      () => {
        throw new Error('secret path /home/x');
      },
      { log: (m) => logs.push(m) },
    );
    expect(await invoke('app:info', 'app://athar/')).toEqual({ ok: false, error: 'failed' });
    expect(logs[0]).toContain('secret path');
  });
});

describe('app handlers', () => {
  it("sets the sender window's title, and offers no way to open a URL outside the app", async () => {
    const { ipc, invoke, handlers } = fakeIpc();
    const titles: string[] = [];
    let cleared = 0;
    registerAppHandlers(
      ipc,
      {
        version: '0.1.0',
        platform: 'linux',
        locale: () => 'en-GB',
        windowFor: () => ({
          setTitle: (t: string) => {
            titles.push(t);
          },
        }),
        clearClipboard: () => void cleared++,
      },
      {},
    );
    expect([...handlers.keys()].filter((c) => c.startsWith('shell:'))).toEqual([]);
    expect(await invoke('window:set-title', 'app://athar/', { title: 'Athar — vault' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(titles).toEqual(['Athar — vault']);
    expect(await invoke('app:clear-clipboard', 'app://athar/', undefined)).toEqual({ ok: true, value: undefined });
    expect(cleared).toBe(1);
  });
});

describe('print handlers', () => {
  it('renders the PDF only after a place to save is chosen, and writes it there', async () => {
    const { registerPrintHandlers } = await import('../../../../electron/main/ipc/print-handlers');
    const { ipc, invoke } = fakeIpc();
    const written: Array<[string, number]> = [];
    let rendered = 0;
    let answer: string | null = null;
    registerPrintHandlers(
      ipc,
      {
        printToPdf: async () => {
          rendered++;
          return new Uint8Array([0x25, 0x50, 0x44, 0x46]);
        },
        printDialog: async () => true,
        chooseSavePath: async (_id, name) => {
          expect(name).toBe('ATH-2026-00042 family.pdf');
          return answer;
        },
        writeFile: async (p, b) => {
          written.push([p, b.length]);
        },
      },
      {},
    );
    expect(await invoke('print:pdf', 'app://athar/', { suggestedName: 'ATH-2026-00042 family' })).toEqual({
      ok: true,
      value: { saved: false, path: null },
    });
    expect(rendered).toBe(0);
    answer = '/home/user/summary.pdf';
    expect(await invoke('print:pdf', 'app://athar/', { suggestedName: 'ATH-2026-00042 family' })).toEqual({
      ok: true,
      value: { saved: true, path: '/home/user/summary.pdf' },
    });
    expect(written).toEqual([['/home/user/summary.pdf', 4]]);
    expect(await invoke('print:pdf', 'app://athar/', { suggestedName: '../../etc/passwd' })).toEqual({
      ok: false,
      error: 'invalid-input',
    });
    expect(await invoke('print:system', 'app://athar/')).toEqual({ ok: true, value: { printed: true } });
    expect(await invoke('print:system', 'https://evil.example/')).toEqual({ ok: false, error: 'forbidden-sender' });
  });
});
