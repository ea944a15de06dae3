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
    input: z.object({ suggestedName: z.string().min(1).max(120).regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/) }),
    output: z.object({ saved: z.boolean(), path: z.string().nullable() }),
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
  onLockRequested(listener: (payload: EventPayload<'vault:lock-requested'>) => void): () => void;
}

/** Which method of Api calls which channel: the preload and main agree through this. */
export const methodChannels = {
  appInfo: 'app:info',
  openExternal: 'shell:open-external',
  setTitle: 'window:set-title',
  printPage: 'print:system',
  savePdf: 'print:pdf',
} as const satisfies Partial<Record<keyof Api, Channel>>;
