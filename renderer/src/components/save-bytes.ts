import { platform } from '../platform/platform';

/**
 * A small file (a chart, a table of counts) saved where the user chooses, through the same output channel as
 * packages: the host asks where and names the path, never this page. False if the user cancelled.
 */
export async function saveBytes(suggestedName: string, bytes: Uint8Array): Promise<boolean> {
  const sink = await platform.openOutput(suggestedName, { where: 'ask' });
  if (!sink) return false;
  try {
    await sink.write(bytes);
    await sink.close();
    return true;
  } catch (e) {
    await sink.abort().catch(() => undefined);
    throw e;
  }
}
