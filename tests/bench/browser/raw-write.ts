const ms = (t0: number): number => Math.round((performance.now() - t0) * 10) / 10;

export async function rawWriteBaseline(rows: Array<{ id: string; enc: unknown }>, tableCount: number): Promise<number> {
  // The same rows (same sizes) written to plain IndexedDB in one transaction per batch, without validation, crypto or audit.
  const name = `bench-raw-${Date.now()}`;
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const r = indexedDB.open(name, 1);
    r.onupgradeneeded = () => {
      for (let i = 0; i < tableCount; i++) r.result.createObjectStore(`t${i}`, { keyPath: 'id' });
    };
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  const t0 = performance.now();
  const batch = 10_000;
  for (let b = 0; b < rows.length; b += batch) {
    await new Promise<void>((res, rej) => {
      const tx = db.transaction(
        Array.from({ length: tableCount }, (_, i) => `t${i}`),
        'readwrite',
      );
      rows.slice(b, b + batch).forEach((row, i) => tx.objectStore(`t${i % tableCount}`).put(row));
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
  }
  const took = ms(t0);
  db.close();
  await new Promise((res) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = () => res(null);
  });
  return took;
}
