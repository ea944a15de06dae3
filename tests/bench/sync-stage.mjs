// Issue 15's figures: sending and receiving through a real sync server on loopback, an edit seen on the other
// laptop, and several laptops converging. Run with the rest by `npm run bench`, or alone by `npm run bench:sync`.
import { rmSync } from 'node:fs';
import { startSyncServer } from '../sync/server-process.ts';
import { addDevice } from '../../sync-server/admin.ts';

/** On a page that has the benchmark page loaded. */
export async function syncStage(page, pass) {
  const cases = Number(process.env.BENCH_SYNC_CASES ?? 100_000);
  console.log(`Sending ${cases.toLocaleString('en')} cases to a sync server on loopback, and receiving them…`);
  let server = await startSyncServer();
  const device = await addDevice(server.admin, 'bench-device');
  const results = await page.evaluate(
    ([p, n, s]) => window.atharBench.syncPush(p, n, s),
    [
      pass,
      cases,
      {
        url: server.url,
        user: device.user,
        password: device.password,
        adminUser: server.admin.user,
        adminPassword: server.admin.password,
      },
    ],
  );
  await server.stop();
  rmSync(server.dir, { recursive: true, force: true });

  const clients = Number(process.env.BENCH_CONVERGE_CLIENTS ?? 5);
  const edits = Number(process.env.BENCH_CONVERGE_EDITS ?? 2_000);
  console.log(`${clients} laptops making ${edits.toLocaleString('en')} commits each at once…`);
  server = await startSyncServer();
  const devices = [];
  for (let i = 0; i < clients; i++) devices.push(await addDevice(server.admin, `bench-laptop-${i}`));
  Object.assign(
    results,
    await page.evaluate(
      ([p, n, s]) => window.atharBench.converge(p, n, s),
      [pass, edits, { url: server.url, devices: devices.map((d) => ({ user: d.user, password: d.password })) }],
    ),
  );
  await server.stop();
  rmSync(server.dir, { recursive: true, force: true });
  return results;
}

export function printSync(line, sy) {
  line(
    'sync: send signed cases to the server ms',
    sy.syncPushMs,
    `${sy.syncCases} cases in ${sy.syncDocuments} documents; the same number of opaque documents of the same sizes, same client, same server: ${sy.syncBaselineMs} ms → ${sy.syncPushRatio}× (no target for sending)`,
  );
  line(
    'sync: a new laptop receives them all ms',
    sy.syncPullMs,
    `${sy.syncPullListed} cases listed (${sy.syncPullWithheld} of them restricted, not B's to read), ${sy.syncPullQuarantined} held back; the same client reading the opaque documents from the changes feed into IndexedDB: ${sy.syncPullBaselineMs} ms → ${sy.syncPullRatio}× (target ≤ 1.5×)`,
  );
  line(
    'sync: an edit on one laptop seen on the other, median / p95 ms',
    `${sy.syncEditMedianMs} / ${sy.syncEditP95Ms}`,
    '15 edits, one after the other (target: median ≤ 2,000)',
  );
  line(
    'sync: what the server holds per case bytes',
    sy.syncBytesPerCase,
    `${sy.syncServerBytes} bytes of documents in all`,
  );
  line(
    `sync: ${sy.convergeClients} laptops × ${sy.convergeEdits / sy.convergeClients} commits at once, lost`,
    sy.convergeLost,
    `${sy.convergeEdits} commits made in ${sy.convergeMadeMs} ms; every laptop held all of them after ${sy.convergeMs} ms (the least: ${sy.convergeLeastHeld}); ${sy.convergeQuarantined} held back, ${sy.convergeConflicts} conflicts (target: 0 lost)`,
  );
}
