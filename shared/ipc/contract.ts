import { z } from 'zod';

/**
 * Every call the renderer may make to the main process, as `domain:verb`
 * channels with zod schemas for what goes in and what comes out. Nothing
 * else crosses the bridge; the preload builds its object from this table.
 */
export const contract = {
  'app:info': {
    input: z.void(),
    output: z.object({ version: z.string(), platform: z.string(), locale: z.string() }),
  },
  'shell:open-external': {
    input: z.object({ url: z.string().max(2048) }),
    output: z.object({ opened: z.boolean() }),
  },
  'window:set-title': {
    input: z.object({ title: z.string().max(200) }),
    output: z.void(),
  },
  /** The system print dialog for the sender's page (its print styles apply). */
  'print:system': {
    input: z.void(),
    output: z.object({ printed: z.boolean() }),
  },
  /** The sender's page as a PDF (its @page rules and print styles), saved where the user chooses. */
  'print:pdf': {
    input: z.object({
      suggestedName: z
        .string()
        .min(1)
        .max(120)
        .regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/),
    }),
    output: z.object({ saved: z.boolean(), path: z.string().nullable() }),
  },
  /**
   * A package or backup written as it is produced. `begin` asks where (a save
   * dialog, or the backup folder chosen earlier) and opens "<name>.part";
   * `finish` flushes it to disk, renames it and writes the companion text
   * (the recipient's instructions) beside it; `abort` deletes the part.
   * The renderer never names a path itself.
   */
  'output:begin': {
    input: z.object({
      suggestedName: z
        .string()
        .min(1)
        .max(120)
        .regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/),
      where: z.enum(['ask', 'backup-folder']),
      companionText: z.string().max(100_000).optional(),
    }),
    output: z.object({ handle: z.string(), path: z.string() }).nullable(),
  },
  'output:write': {
    input: z.object({
      handle: z.string().max(64),
      bytes: z.instanceof(Uint8Array).refine((b) => b.length <= 16 * 1024 * 1024),
    }),
    output: z.void(),
  },
  'output:finish': {
    input: z.object({ handle: z.string().max(64) }),
    output: z.object({ path: z.string() }),
  },
  'output:abort': {
    input: z.object({ handle: z.string().max(64) }),
    output: z.void(),
  },
  /** The folder scheduled backups go to: chosen by the user in a dialog, remembered by the main process. */
  'backup:choose-folder': {
    input: z.void(),
    output: z.object({ path: z.string().nullable() }),
  },
  'backup:folder': {
    input: z.void(),
    output: z.object({ path: z.string().nullable() }),
  },
  /** Deletes the oldest backups in the backup folder beyond `keep`; returns the names deleted. */
  'backup:rotate': {
    input: z.object({ keep: z.number().int().min(1).max(100) }),
    output: z.object({ deleted: z.array(z.string()) }),
  },
} as const;

export type Channel = keyof typeof contract;
export type InputOf<C extends Channel> = z.input<(typeof contract)[C]['input']>;
export type OutputOf<C extends Channel> = z.output<(typeof contract)[C]['output']>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcErrorCode };
export type IpcErrorCode = 'forbidden-sender' | 'invalid-input' | 'failed';

/** Events the main process pushes to the renderer. Each has its own subscribe method, never a generic `on`. */
export const events = {
  'vault:lock-requested': z.object({ reason: z.enum(['menu', 'suspend', 'screen-lock', 'shortcut']) }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** What the renderer sees as `window.api`. */
export interface Api {
  appInfo(): Promise<IpcResult<OutputOf<'app:info'>>>;
  openExternal(input: InputOf<'shell:open-external'>): Promise<IpcResult<OutputOf<'shell:open-external'>>>;
  setTitle(input: InputOf<'window:set-title'>): Promise<IpcResult<OutputOf<'window:set-title'>>>;
  printPage(): Promise<IpcResult<OutputOf<'print:system'>>>;
  savePdf(input: InputOf<'print:pdf'>): Promise<IpcResult<OutputOf<'print:pdf'>>>;
  outputBegin(input: InputOf<'output:begin'>): Promise<IpcResult<OutputOf<'output:begin'>>>;
  outputWrite(input: InputOf<'output:write'>): Promise<IpcResult<OutputOf<'output:write'>>>;
  outputFinish(input: InputOf<'output:finish'>): Promise<IpcResult<OutputOf<'output:finish'>>>;
  outputAbort(input: InputOf<'output:abort'>): Promise<IpcResult<OutputOf<'output:abort'>>>;
  chooseBackupFolder(): Promise<IpcResult<OutputOf<'backup:choose-folder'>>>;
  backupFolder(): Promise<IpcResult<OutputOf<'backup:folder'>>>;
  rotateBackups(input: InputOf<'backup:rotate'>): Promise<IpcResult<OutputOf<'backup:rotate'>>>;
  onLockRequested(listener: (payload: EventPayload<'vault:lock-requested'>) => void): () => void;
}

/** Which method of Api calls which channel: the preload and main agree through this. */
export const methodChannels = {
  appInfo: 'app:info',
  openExternal: 'shell:open-external',
  setTitle: 'window:set-title',
  printPage: 'print:system',
  savePdf: 'print:pdf',
  outputBegin: 'output:begin',
  outputWrite: 'output:write',
  outputFinish: 'output:finish',
  outputAbort: 'output:abort',
  chooseBackupFolder: 'backup:choose-folder',
  backupFolder: 'backup:folder',
  rotateBackups: 'backup:rotate',
} as const satisfies Partial<Record<keyof Api, Channel>>;
