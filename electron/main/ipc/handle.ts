import type { IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { contract, type Channel, type IpcResult, type OutputOf } from '@shared/ipc/contract';

type ParsedInput<C extends Channel> = z.output<(typeof contract)[C]['input']>;
import { isAppUrl } from '../windows/navigation-guards';

/** The slice of ipcMain that handle() needs; a fake in tests. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
}

export interface HandleOptions {
  devServerUrl?: string | undefined;
  log?: (msg: string) => void;
}

/**
 * Registers one channel of the contract. The sender frame must be the app's
 * own page; the input is parsed by the contract's schema; the result is
 * always an {ok} object so errors never leak stack traces into the renderer.
 */
export function handle<C extends Channel>(
  ipc: IpcMainLike,
  channel: C,
  fn: (input: ParsedInput<C>, event: IpcMainInvokeEvent) => Promise<OutputOf<C>> | OutputOf<C>,
  opts: HandleOptions = {},
): void {
  const spec = contract[channel];
  ipc.handle(channel, async (event, raw): Promise<IpcResult<OutputOf<C>>> => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl, opts.devServerUrl)) {
      opts.log?.(`ipc ${channel}: refused sender ${frameUrl || '(none)'}`);
      return { ok: false, error: 'forbidden-sender' };
    }
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) return { ok: false, error: 'invalid-input' };
    try {
      const value = await fn(parsed.data as ParsedInput<C>, event);
      return { ok: true, value: spec.output.parse(value) as OutputOf<C> };
    } catch (e) {
      opts.log?.(`ipc ${channel}: ${(e as Error).message}`);
      return { ok: false, error: 'failed' };
    }
  });
}
