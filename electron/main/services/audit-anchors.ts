import { readFile } from 'node:fs/promises';
import { writePrivateJson } from './private-json-file';

/**
 * Each vault's audit anchor, kept by the main process in its own file outside
 * the browser profile: a sequence number and a blob the renderer sealed with
 * the vault's key (this process cannot read it). Someone who copies an older
 * profile back over the current one leaves this file as it was, so the
 * renderer sees at unlock that its chain ends before the anchor does. The
 * file is replaced atomically (written beside, flushed, renamed), so a crash
 * leaves the old anchor or the new one, never half of one.
 */
export const MAX_VAULTS = 32;

interface Anchor {
  seq: number;
  sealed: string;
  at: string;
}

export class AuditAnchors {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  private async read(): Promise<Record<string, Anchor>> {
    try {
      const v = JSON.parse(await readFile(this.file, 'utf8')) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Anchor>) : {};
    } catch {
      return {};
    }
  }

  async load(vaultId: string): Promise<string | null> {
    await this.queue;
    const a = (await this.read())[vaultId];
    return typeof a?.sealed === 'string' ? a.sealed : null;
  }

  save(vaultId: string, seq: number, sealed: string, now = new Date()): Promise<void> {
    const run = this.queue.then(async () => {
      const all = await this.read();
      all[vaultId] = { seq, sealed, at: now.toISOString() };
      // A compromised renderer could invent vault ids without end: keep the most recently written.
      const kept = Object.entries(all)
        .sort(([, a], [, b]) => (a.at < b.at ? 1 : -1))
        .slice(0, MAX_VAULTS);
      await writePrivateJson(this.file, Object.fromEntries(kept));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
