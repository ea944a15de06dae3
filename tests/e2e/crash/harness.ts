import { newRecord } from '@shared/domain/new-record';
import { AtharDb } from '../../../renderer/src/db/schema';
import { RecordStore } from '../../../renderer/src/db/record-store';
import { aesGcmKey } from '../../../renderer/src/db/webcrypto-key';
import { probeStorage } from '../../../renderer/src/db/storage-loss';

/**
 * The app's own storage path (record store, audit chain, sealed head, anchor), in a real Chromium profile on
 * disk. `#write:<run>` makes 1,000 commits and prints each one the store acknowledged, as the interface
 * says "saved"; `#verify` prints what is stored and what the chain says of it. The key is fixed: this page
 * is only ever used by the crash test.
 */
const RAW = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);
const VAULT = '6c1f3a52-7d0e-4b8a-9f21-0c5e7a9d3b44';
const anchor = {
  load: async () => localStorage.getItem('anchor'),
  save: async (_seq: number, sealed: string) => localStorage.setItem('anchor', sealed),
};

async function main(): Promise<void> {
  const probe = await probeStorage('athar-crash-test');
  const persisted = await navigator.storage.persist();
  const key = await aesGcmKey(RAW);
  const store = await RecordStore.open(new AtharDb('athar-crash-test'), key, 'crash test', { vaultId: VAULT, anchor });
  const mode = location.hash.slice(1);
  if (mode.startsWith('write:')) {
    const run = mode.slice('write:'.length);
    // A wipe the engine reports to this open would otherwise show up only as writes "lost without a word".
    if (probe.dataLoss === 'total') console.log(`wiped ${probe.message}`);
    for (let i = 0; i < 1000; i++) {
      const id = `w-${run}-${i}`;
      const place = newRecord(
        'places',
        { id, kind: 'other', nameEn: `Crash test place ${run}/${i}`, nameAr: `مكان اختبار ${i}`, parentId: null },
        'crash test',
        new Date(),
      );
      await store.commit([{ table: 'places', put: place }]);
      console.log(`ack ${id}`);
    }
    console.log('done');
    return;
  }
  const report = await store.verifyIntegrity();
  console.log(
    `verify ${JSON.stringify({
      ids: await store.ids('places'),
      chain: report.chain.ok,
      entries: report.chain.count,
      problems: report.records.problems,
      head: store.headProblems,
      probe,
      persisted,
    })}`,
  );
}

main().catch((e: unknown) => console.log(`error ${String(e)}`));
