import { BACKUP_FILE_PATTERN, backupFileName, MIN_BACKUPS_KEPT } from '@shared/package/file-names';
import type { Api, EventPayload } from '@shared/ipc/contract';

export type LockRequestReason = EventPayload<'vault:lock-requested'>['reason'];

/**
 * What the app needs from its host. In Electron this is window.api (the
 * preload bridge); in a plain browser (end-to-end tests, development) it is
 * implemented with web APIs. No other module touches window.api.
 */
export interface Platform {
  kind: 'electron' | 'browser';
  onLockRequested(listener: (reason: LockRequestReason) => void): () => void;
  setTitle(title: string): void;
  /** Empties the system clipboard. */
  clearClipboard(): Promise<void>;
  /** The system print dialog for the current page. */
  print(): Promise<boolean>;
  /** The current page as a PDF, saved where the user chooses (in a browser: its print dialog, which offers "Save as PDF"). */
  savePdf(suggestedName: string): Promise<{ saved: boolean; path: string | null }>;
  /**
   * A file to stream a package or backup into; null if the user cancelled the
   * dialog. Electron: written by the main process as "<name>.part", renamed
   * when closed, with the companion text beside it. Browser: the origin's
   * private file system, committed on close, then offered as a download.
   */
  openOutput(
    suggestedName: string,
    opts: { where: 'ask' | 'backup-folder'; companionText?: string },
  ): Promise<OutputSink | null>;
  backupFolder(): Promise<string | null>;
  chooseBackupFolder(): Promise<string | null>;
  /** Deletes the oldest backups beyond `keep`; the names deleted. */
  rotateBackups(keep: number): Promise<string[]>;
  /** Where this vault's audit anchor is kept outside its database (Electron: the main process's own file). */
  auditAnchor(vaultId: string): { load(): Promise<string | null>; save(seq: number, sealed: string): Promise<void> };
  /**
   * The one way out to the network: requests to the sync server. The page itself may connect to nothing
   * (connect-src 'self'); its host carries these (the desktop app's main process, to servers the user allowed in
   * its own dialog). Null where a build cannot sync.
   */
  syncFetch: typeof fetch | null;
}

export interface OutputSink {
  path: string;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

const BROWSER_BACKUPS = 'athar-backups';

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

function electronPlatform(api: Api): Platform {
  return {
    kind: 'electron',
    onLockRequested: (listener) => api.onLockRequested((p) => listener(p.reason)),
    setTitle: (title) => {
      void api.setTitle({ title });
    },
    clearClipboard: async () => {
      await api.clearClipboard();
    },
    print: async () => {
      const r = await api.printPage();
      return r.ok && r.value.printed;
    },
    savePdf: async (suggestedName) => {
      const r = await api.savePdf({
        suggestedName: suggestedName.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120),
      });
      if (!r.ok) throw new Error(r.error);
      return r.value;
    },
    openOutput: async (suggestedName, opts) => {
      const begun = unwrap(
        await api.outputBegin({
          suggestedName,
          where: opts.where,
          ...(opts.companionText === undefined ? {} : { companionText: opts.companionText }),
        }),
      );
      if (!begun) return null;
      const { handle, path } = begun;
      return {
        path,
        write: async (bytes) => {
          unwrap(await api.outputWrite({ handle, bytes: bytes as Uint8Array<ArrayBuffer> }));
        },
        close: async () => {
          unwrap(await api.outputFinish({ handle }));
        },
        abort: async () => {
          await api.outputAbort({ handle });
        },
      };
    },
    backupFolder: async () => unwrap(await api.backupFolder()).path,
    chooseBackupFolder: async () => unwrap(await api.chooseBackupFolder()).path,
    rotateBackups: async (keep) => unwrap(await api.rotateBackups({ keep })).deleted,
    auditAnchor: (vaultId) => ({
      load: async () => unwrap(await api.loadAnchor({ vaultId })).sealed,
      save: async (seq, sealed) => {
        unwrap(await api.saveAnchor({ vaultId, seq, sealed }));
      },
    }),
    syncFetch: electronSyncFetch(api),
  };
}

const RELAYED_HEADERS = new Set(['authorization', 'content-type', 'accept']);

/** Thrown when the user did not allow the server in the main process's dialog. */
export class SyncServerNotAllowed extends Error {
  readonly notAllowed = true;
  constructor() {
    super('sync server not allowed');
    this.name = 'SyncServerNotAllowed';
  }
}

/**
 * The desktop app's way to the sync server: each request carried by the main process, which asks the user the
 * first time whether this server may be reached at all (electron/main/services/sync-relay.ts).
 */
function electronSyncFetch(api: Api): typeof fetch {
  const allowed = new Map<string, Promise<boolean>>();
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const origin = new URL(url).origin;
    let ok = allowed.get(origin);
    if (!ok) {
      const language = document.documentElement.lang === 'ar' ? 'ar' : 'en';
      ok = api.allowSyncServer({ origin: url, language }).then((r) => r.ok && r.value.allowed);
      allowed.set(origin, ok);
      // Asked again next time: the user may allow it then.
      void ok.then((yes) => yes || allowed.delete(origin));
    }
    if (!(await ok)) throw new SyncServerNotAllowed();
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const method = (init?.method ?? 'GET').toUpperCase() as 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
    const headers = [...new Headers(init?.headers)].filter(([k]) => RELAYED_HEADERS.has(k)) as Array<
      ['authorization' | 'content-type' | 'accept', string]
    >;
    const body =
      init?.body === undefined || init.body === null
        ? null
        : new Uint8Array(await new Response(init.body).arrayBuffer());
    const r = await api.syncRequest({ url, method, headers, body });
    // The relay could not carry it (unreachable, too slow, refused): to the caller, the network is away.
    if (!r.ok) throw new TypeError('sync request failed');
    const empty = method === 'HEAD' || r.value.status === 204 || r.value.status === 304;
    return new Response(empty ? null : r.value.body, {
      status: r.value.status,
      headers: r.value.contentType ? { 'content-type': r.value.contentType } : {},
    });
  };
}

/**
 * The web build's way to a sync server on this computer: through the server that serves the page, under
 * /_sync/<port>/ (vite.web.config.ts), as the desktop app's requests go through its main process. Only plain
 * http on loopback is carried; anything else is refused here, before it leaves.
 */
export const browserSyncFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(url.hostname) || !url.port)
    return Promise.reject(new TypeError('the web build reaches only a sync server on this computer'));
  return fetch(`/_sync/${url.port}${url.pathname}${url.search}`, init);
};

async function browserDir(name: string): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
}

function browserPlatform(): Platform {
  return {
    kind: 'browser',
    onLockRequested: () => () => undefined,
    setTitle: (title) => {
      document.title = title;
    },
    clearClipboard: async () => {
      await navigator.clipboard?.writeText('').catch(() => undefined);
    },
    print: async () => {
      window.print();
      return true;
    },
    savePdf: async () => {
      window.print();
      return { saved: false, path: null };
    },
    openOutput: async (suggestedName, opts) => {
      const dir = await browserDir(opts.where === 'backup-folder' ? BROWSER_BACKUPS : 'athar-output');
      // As the main process does: a backup is named by the folder's owner, never by the caller, and never replaces a file.
      const suffix = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join(
        '',
      );
      const name = opts.where === 'backup-folder' ? backupFileName(new Date(), suffix) : suggestedName;
      if (
        opts.where === 'backup-folder' &&
        (await dir.getFileHandle(name).then(
          () => true,
          () => false,
        ))
      )
        throw new Error('file exists');
      const handle = await dir.getFileHandle(name, { create: true });
      // A writable writes to a swap file and replaces the file only on close; abort discards it.
      const w = await handle.createWritable();
      return {
        path: `${opts.where === 'backup-folder' ? BROWSER_BACKUPS : 'athar-output'}/${name}`,
        write: (bytes) => w.write(bytes as FileSystemWriteChunkType),
        close: async () => {
          await w.close();
          if (opts.where === 'ask') {
            download(suggestedName, await handle.getFile());
            if (opts.companionText !== undefined)
              download(`${suggestedName}.README.txt`, new Blob([opts.companionText], { type: 'text/plain' }));
          }
        },
        abort: async () => {
          await w.abort();
        },
      };
    },
    backupFolder: async () => BROWSER_BACKUPS,
    chooseBackupFolder: async () => BROWSER_BACKUPS,
    rotateBackups: async (keep) => {
      const dir = await browserDir(BROWSER_BACKUPS);
      const names: string[] = [];
      for await (const [name] of (dir as unknown as { entries(): AsyncIterable<[string, unknown]> }).entries())
        if (BACKUP_FILE_PATTERN.test(name)) names.push(name);
      const old = names.sort().reverse().slice(Math.max(MIN_BACKUPS_KEPT, keep));
      for (const n of old) await dir.removeEntry(n);
      return old;
    },
    // The web build has no process outside the page: the anchor lives in localStorage, beside IndexedDB.
    auditAnchor: (vaultId) => ({
      load: async () => localStorage.getItem(`athar.anchor.${vaultId}`),
      save: async (_seq, sealed) => localStorage.setItem(`athar.anchor.${vaultId}`, sealed),
    }),
    syncFetch: browserSyncFetch,
  };
}

declare global {
  interface Window {
    api?: Api;
  }
}

export const platform: Platform =
  typeof window !== 'undefined' && window.api ? electronPlatform(window.api) : browserPlatform();
