/**
 * What the browser engine says about a database before Dexie opens it. Chromium deletes an IndexedDB
 * database it finds corrupt and creates it anew, empty, reporting `dataLoss: 'total'` on the first
 * `upgradeneeded` after (w3c/IndexedDB#30). Dexie does not pass that on, so this opens the database without
 * a version first: a database that exists opens as it is; one that does not is not created (the upgrade is
 * aborted), and whether the engine discarded it is read from the event.
 */
export interface StorageProbe {
  exists: boolean;
  /** 'total' when the engine threw away a database that was there. */
  dataLoss: 'none' | 'total';
  message: string;
}

interface LossEvent extends IDBVersionChangeEvent {
  dataLoss?: string;
  dataLossMessage?: string;
}

export function probeStorage(name: string, factory: IDBFactory = indexedDB): Promise<StorageProbe> {
  return new Promise((resolve) => {
    let probe: StorageProbe = { exists: true, dataLoss: 'none', message: '' };
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name);
    } catch {
      resolve(probe);
      return;
    }
    request.onupgradeneeded = (event) => {
      const e = event as LossEvent;
      probe = {
        exists: e.oldVersion !== 0,
        dataLoss: e.dataLoss === 'total' ? 'total' : 'none',
        message: typeof e.dataLossMessage === 'string' ? e.dataLossMessage.slice(0, 500) : '',
      };
      // Leave no empty database behind: Dexie creates it with its own schema.
      request.transaction?.abort();
    };
    request.onsuccess = () => {
      request.result.close();
      resolve(probe);
    };
    request.onerror = (event) => {
      event.preventDefault();
      resolve(probe);
    };
    request.onblocked = () => resolve(probe);
  });
}
