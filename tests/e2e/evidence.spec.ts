import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { createVault, newCase, shot } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'athar-e2e-'));
function makeFile(name: string, size: number, seed: number): { path: string; sha256: string } {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * seed + (i >> 9)) & 0xff;
  const path = join(dir, name);
  writeFileSync(path, b);
  return { path, sha256: createHash('sha256').update(b).digest('hex') };
}

test('takes in a file with its hash and custody log, verifies it, and refuses a duplicate', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Hadi Testperson', 'هادي');
  await page.getByRole('tab', { name: 'Evidence' }).click();
  await expect(page.getByText(/No documents, photos, audio or video yet/)).toBeVisible();
  const photo = makeFile('checkpoint-photo.jpg', 3 * 1024 * 1024 + 17, 7);
  await page.getByLabel('Files to add as evidence').setInputFiles(photo.path);
  await expect(page.getByRole('status').filter({ hasText: 'checkpoint-photo.jpg was added.' })).toBeVisible();
  const card = page.getByRole('article', { name: 'checkpoint-photo.jpg' });
  await expect(card).toContainText(photo.sha256);
  await expect(card.getByRole('list', { name: 'Chain of custody' }).getByRole('listitem')).toHaveCount(1);
  await expect(card.getByRole('list', { name: 'Chain of custody' })).toContainText('Acquired');

  await card.getByRole('button', { name: 'Verify integrity of checkpoint-photo.jpg' }).click();
  await expect(card.getByRole('status')).toHaveText(/Integrity verified/);
  await expect(card.getByRole('list', { name: 'Chain of custody' }).getByRole('listitem')).toHaveCount(2);
  await expect(card.getByRole('list', { name: 'Chain of custody' })).toContainText('Verified');

  await card.getByRole('button', { name: 'Details of checkpoint-photo.jpg' }).click();
  const dialog = page.getByRole('dialog', { name: 'Evidence details' });
  await dialog.getByLabel('Source').fill('Sent by a family member via messaging app');
  await dialog.getByLabel('Date of the document').fill('about 2013');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await shot(page, 'evidence-en');

  const copy = join(dir, 'same-photo-renamed.jpg');
  writeFileSync(copy, Buffer.from(await (await import('node:fs/promises')).readFile(photo.path)));
  await page.getByLabel('Files to add as evidence').setInputFiles(copy);
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /same-photo-renamed\.jpg is already in the vault as “checkpoint-photo\.jpg”/ }),
  ).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(1);
});

test('shows a loud failure when a stored original has been altered, and logs it', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Lama Testperson', 'لمى');
  await page.getByRole('tab', { name: 'Evidence' }).click();
  const f = makeFile('statement-scan.pdf', 9 * 1024 * 1024 + 5, 13);
  await page.getByLabel('Files to add as evidence').setInputFiles(f.path);
  const card = page.getByRole('article', { name: 'statement-scan.pdf' });
  await expect(card).toBeVisible();
  // Alter one byte of the stored ciphertext, as a disk fault or an attacker would.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res) => {
      const r = indexedDB.open('athar-vault');
      r.onsuccess = () => res(r.result);
    });
    const store = db.transaction('fileChunks', 'readwrite').objectStore('fileChunks');
    await new Promise<void>((res) => {
      const c = store.openCursor();
      c.onsuccess = () => {
        const cur = c.result!;
        const row = cur.value;
        if (row.index === 1) {
          row.enc.ct[10] ^= 1;
          cur.update(row);
          res();
        } else cur.continue();
      };
    });
    db.close();
  });
  await card.getByRole('button', { name: 'Verify integrity of statement-scan.pdf' }).click();
  await expect(card.getByRole('alert')).toHaveText(/INTEGRITY FAILURE: part 2 of the stored original was altered/);
  await expect(card.getByRole('list', { name: 'Chain of custody' })).toContainText('MISMATCH: a part was altered');
  await shot(page, 'evidence-tampered-en');
});

test('cancelling an intake keeps nothing', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Nizar Testperson', 'نزار');
  await page.getByRole('tab', { name: 'Evidence' }).click();
  const big = makeFile('long-video.mp4', 400 * 1024 * 1024, 3);
  await page.getByLabel('Files to add as evidence').setInputFiles(big.path);
  await page.getByRole('button', { name: 'Cancel adding long-video.mp4' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Adding long-video.mp4 was cancelled. Nothing of it was kept.' }),
  ).toBeVisible({ timeout: 30_000 });
  const chunks = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res) => {
      const r = indexedDB.open('athar-vault');
      r.onsuccess = () => res(r.result);
    });
    const n = await new Promise<number>((res) => {
      const r = db.transaction('fileChunks').objectStore('fileChunks').count();
      r.onsuccess = () => res(r.result);
    });
    db.close();
    return n;
  });
  expect(chunks).toBe(0);
  await expect(page.getByRole('article')).toHaveCount(0);
});

test('previews an image from memory and records the viewing in the custody log', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Wafa Testperson', 'وفاء');
  await page.getByRole('tab', { name: 'Evidence' }).click();
  // A 2×2 red PNG.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
    'base64',
  );
  await page
    .getByLabel('Files to add as evidence')
    .setInputFiles({ name: 'cell-door.png', mimeType: 'image/png', buffer: png });
  const card = page.getByRole('article', { name: 'cell-door.png' });
  await card.getByRole('button', { name: 'Preview cell-door.png' }).click();
  const img = page
    .getByRole('dialog', { name: 'Preview: cell-door.png' })
    .getByRole('img', { name: 'Preview of cell-door.png' });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(2);
  await page.keyboard.press('Escape');
  await expect(card.getByRole('list', { name: 'Chain of custody' })).toContainText('Viewed');
});

test('a working copy is a separate record linked to its untouched original', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Samira Testperson', 'سميرة');
  await page.getByRole('tab', { name: 'Evidence' }).click();
  const original = makeFile('arrest-record-scan.tif', 300_000, 5);
  await page.getByLabel('Files to add as evidence').setInputFiles(original.path);
  const card = page.getByRole('article', { name: 'arrest-record-scan.tif' });
  await expect(card).toContainText(original.sha256);
  const chooser = page.waitForEvent('filechooser');
  await card.getByRole('button', { name: 'Add working copy of arrest-record-scan.tif' }).click();
  const redacted = makeFile('arrest-record-redacted.tif', 200_000, 11);
  await (await chooser).setFiles(redacted.path);
  const copy = page.getByRole('article', { name: 'arrest-record-redacted.tif' });
  await expect(copy).toContainText('Working copy of arrest-record-scan.tif (the original is unchanged)');
  await expect(card).toContainText(original.sha256);
  await card.getByRole('button', { name: 'Verify integrity of arrest-record-scan.tif' }).click();
  await expect(card.getByRole('status')).toHaveText(/Integrity verified/);
  await page.getByRole('tab', { name: 'Linked records' }).click();
  await expect(page.getByRole('list', { name: 'Linked records' }).getByRole('listitem')).toHaveText(
    /^arrest-record-redacted\.tif \(Document\)\s*is derived from\s*arrest-record-scan\.tif \(Document\)/,
  );
});

/** A one-page PDF with a line of text, byte offsets computed so the cross-reference table is valid. */
function tinyPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 18 Tf 20 100 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 18 Tf 20 100 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

test('previews a PDF with pdf.js, from memory', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Iman Testperson', 'إيمان');
  await page.getByRole('tab', { name: 'Evidence' }).click();
  await page.getByLabel('Files to add as evidence').setInputFiles({
    name: 'release-paper.pdf',
    mimeType: 'application/pdf',
    buffer: tinyPdf('Release order, test only'),
  });
  await page
    .getByRole('article', { name: 'release-paper.pdf' })
    .getByRole('button', { name: 'Preview release-paper.pdf' })
    .click();
  const pageImg = page
    .getByRole('dialog', { name: 'Preview: release-paper.pdf' })
    .getByRole('img', { name: 'Page 1 of release-paper.pdf' });
  // pdf.js loads lazily with its own worker: allow for a slow, busy machine.
  await expect(pageImg).toBeVisible({ timeout: 30_000 });
  // The page was drawn: some pixels are dark (the text), not only the white page.
  const inked = await pageImg.evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! < 100 && d[i + 3]! > 0) dark++;
    return dark;
  });
  expect(inked).toBeGreaterThan(50);
  await page.screenshot({ path: 'tests/e2e/screenshots/pdf-preview-en.png' });
});

/** A mono 16-bit PCM WAV of a sine tone. */
function wav(seconds: number, rate = 22050): Buffer {
  const samples = seconds * rate;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVE', 8);
  b.write('fmt ', 12);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    b.writeInt16LE(Math.round(Math.sin((i / rate) * 2 * Math.PI * 440) * 8000), 44 + i * 2);
  return b;
}

test('streams audio through the media service worker, which refuses once the vault is locked', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Tariq Testperson', 'طارق');
  await page.getByRole('tab', { name: 'Evidence' }).click();
  await page
    .getByLabel('Files to add as evidence')
    .setInputFiles({ name: 'interview.wav', mimeType: 'audio/wav', buffer: wav(60) });
  await page
    .getByRole('article', { name: 'interview.wav' })
    .getByRole('button', { name: 'Preview interview.wav' })
    .click();
  const audio = page.getByRole('dialog', { name: 'Preview: interview.wav' }).locator('audio');
  await expect(audio).toHaveAttribute('src', /\/athar-media\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const src = (await audio.getAttribute('src'))!;
  await expect
    .poll(() => audio.evaluate((a) => (a as HTMLAudioElement).duration), { timeout: 20_000 })
    .toBeCloseTo(60, 0);
  // A range request is answered with exactly those bytes.
  const part = await page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { range: 'bytes=0-11' } });
    return { status: r.status, text: new TextDecoder().decode(await r.arrayBuffer()) };
  }, src);
  expect(part.status).toBe(206);
  expect(part.text).toHaveLength(12);
  expect(part.text.slice(0, 4)).toBe('RIFF');
  expect(part.text.slice(8, 12)).toBe('WAVE');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Lock vault' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  const locked = await page.evaluate(async (u) => (await fetch(u)).status, src);
  expect(locked).toBe(403);
});
