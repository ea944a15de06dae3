import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces a small JSON file of the main process atomically, readable by this user only: written beside,
 * flushed, renamed, so a crash leaves the old content or the new, never half of one.
 */
export async function writePrivateJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(value), { mode: 0o600 });
  const h = await open(tmp, 'r+');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
  await rename(tmp, file);
}
