import { z } from 'zod';
import { MIN_BACKUPS_KEPT } from '../package/file-names';

/** The most a sync request or answer may carry: the largest sync document, with room for its JSON. */
export const SYNC_MAX_BODY = 64 * 1024 * 1024;

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
  'window:set-title': {
    input: z.object({ title: z.string().max(200) }),
    output: z.void(),
  },
  /** Empties the system clipboard: at lock, when something was copied out of the vault since it was unlocked. */
  'app:clear-clipboard': {
    input: z.void(),
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
        .regex(/^(?!\.)[^/\\:*?"<>|\u0000-\u001f]+$/),
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
        .regex(/^(?!\.)[^/\\:*?"<>|\u0000-\u001f]+$/),
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
  /** Deletes the oldest of the backups the main process wrote beyond `keep` (at least three); returns the names deleted. */
  'backup:rotate': {
    input: z.object({ keep: z.number().int().min(MIN_BACKUPS_KEPT).max(100) }),
    output: z.object({ deleted: z.array(z.string()) }),
  },
  /** Each vault's audit anchor, kept outside the browser profile (see renderer/src/db/audit-head.ts). */
  'anchor:load': {
    input: z.object({ vaultId: z.string().uuid() }),
    output: z.object({ sealed: z.string().nullable() }),
  },
  'anchor:save': {
    input: z.object({
      vaultId: z.string().uuid(),
      seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      sealed: z
        .string()
        .max(1024)
        .regex(/^[A-Za-z0-9+/]+=*\.[A-Za-z0-9+/]+=*$/),
    }),
    output: z.void(),
  },
  /**
   * Whether the sync server at `origin` may be reached. The main process asks the user in its own dialog the
   * first time (a compromised page cannot answer it) and remembers the answer.
   */
  'sync:allow': {
    input: z.object({ origin: z.string().max(300), language: z.enum(['en', 'ar']) }),
    output: z.object({ allowed: z.boolean() }),
  },
  /** One request to an allowed sync server, carried by the main process (the page itself connects to nothing). */
  'sync:request': {
    input: z.object({
      url: z.string().max(4096),
      method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE']),
      headers: z.array(z.tuple([z.enum(['authorization', 'content-type', 'accept']), z.string().max(8192)])).max(8),
      body: z
        .instanceof(Uint8Array)
        .refine((b) => b.length <= SYNC_MAX_BODY)
        .nullable(),
    }),
    output: z.object({
      status: z.number().int().min(100).max(599),
      contentType: z.string().max(200),
      body: z.instanceof(Uint8Array),
    }),
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

/**
 * The name of the `window.api` method for each channel. `satisfies Record<Channel, …>` makes a channel added to the
 * contract without a method a compile error; the preload's `satisfies Api` makes a method without its function one.
 */
export const channelMethods = {
  'app:info': 'appInfo',
  'window:set-title': 'setTitle',
  'app:clear-clipboard': 'clearClipboard',
  'print:system': 'printPage',
  'print:pdf': 'savePdf',
  'output:begin': 'outputBegin',
  'output:write': 'outputWrite',
  'output:finish': 'outputFinish',
  'output:abort': 'outputAbort',
  'backup:choose-folder': 'chooseBackupFolder',
  'backup:folder': 'backupFolder',
  'backup:rotate': 'rotateBackups',
  'anchor:load': 'loadAnchor',
  'anchor:save': 'saveAnchor',
  'sync:allow': 'allowSyncServer',
  'sync:request': 'syncRequest',
} as const satisfies Record<Channel, string>;

export type MethodName = (typeof channelMethods)[Channel];
type ChannelOf<M extends MethodName> = { [C in Channel]: (typeof channelMethods)[C] extends M ? C : never }[Channel];
type Invoke<C extends Channel> = [InputOf<C>] extends [void]
  ? () => Promise<IpcResult<OutputOf<C>>>
  : (input: InputOf<C>) => Promise<IpcResult<OutputOf<C>>>;

/** What the renderer sees as `window.api`: one method per channel, and one subscribe per event. */
export type Api = { [M in MethodName]: Invoke<ChannelOf<M>> } & {
  onLockRequested(listener: (payload: EventPayload<'vault:lock-requested'>) => void): () => void;
};

/** Which channel each method calls: the preload and the main process agree through this. */
export const methodChannels = Object.fromEntries(
  Object.entries(channelMethods).map(([channel, method]) => [method, channel]),
) as { [M in MethodName]: ChannelOf<M> };
