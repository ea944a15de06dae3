import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import {
  addMember,
  createNamedVault,
  newCase,
  recordTestimony,
  shot,
  switchTo,
  switchToArabic,
  unlockAs,
} from './helpers';
import { forgeAuditEntry } from './forge';

const A_PASS = 'administrator olive passphrase';
const B_PASS = 'caseworker tram passphrase';
const C_PASS = 'reviewer harbour passphrase';
const A = /^\W*Administrator\W+·/;
const B = /^\W*BT\W+·/;
const C = /^\W*CR\W+·/;

test('a team of three: B writes and submits a case, C returns it with a comment, B changes and resubmits, C approves; the audit log and the custody name both as verified; a strict case of A is not B’s; a removed B is shut out; an entry forged in A’s name shows as invalid', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await createNamedVault(page, 'Amal Testadmin', A_PASS);
  await addMember(page, 'Basel Testworker', 'BT', ['Caseworker', 'Investigator'], B_PASS);
  await addMember(page, 'Carla Testreviewer', 'CR', ['Reviewer'], C_PASS);

  // B writes a case, a testimony and an original, and submits the case.
  await switchTo(page, B, B_PASS, 'Basel Testworker');
  const ref = await newCase(page, 'Nadim Testsubject', 'نديم تجريبي');
  await page.getByRole('tab', { name: 'Testimonies' }).click();
  await recordTestimony(page, 'Witness Olive', 'Saw him taken at the checkpoint.', null);
  await page.getByRole('tab', { name: 'Evidence' }).click();
  const file = join(mkdtempSync(join(tmpdir(), 'athar-team-')), 'arrest-photo.jpg');
  writeFileSync(file, Buffer.from('synthetic photo bytes for the team spec'));
  await page.getByLabel('Files to add as evidence').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'arrest-photo.jpg was added.' })).toBeVisible();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  const review = page.getByRole('region', { name: 'Review' });
  await expect(review).toContainText('Waiting for review');

  // C sees it in Reviews, cannot edit the case, and returns it with a comment.
  await switchTo(page, C, C_PASS, 'Carla Testreviewer');
  await page.getByRole('link', { name: 'Reviews' }).click();
  const waiting = page.getByRole('table', { name: 'Waiting for your review' });
  await expect(waiting.getByRole('row', { name: new RegExp(`Case ${ref}`) })).toContainText('Basel Testworker');
  await shot(page, 'reviews-waiting-en');
  await waiting.getByRole('button', { name: `Case ${ref}` }).click();
  await expect(page.getByText('You can read this case. Your roles do not let you change it.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  // C records that they checked the original: their own signed custody entry.
  await page.getByRole('tab', { name: 'Evidence' }).click();
  const card = page.getByRole('article', { name: 'arrest-photo.jpg' });
  await card.getByRole('button', { name: 'Verify integrity of arrest-photo.jpg' }).click();
  await expect(card.getByRole('status')).toHaveText(/Integrity verified/);
  const custody = card.getByRole('list', { name: 'Chain of custody' });
  await expect(custody.getByRole('listitem').nth(0)).toContainText('signed by Basel Testworker');
  await expect(custody.getByRole('listitem').nth(1)).toContainText('signed by Carla Testreviewer');
  await shot(page, 'custody-signed-en');
  await page.getByRole('tab', { name: 'Overview' }).click();
  await review.getByRole('button', { name: 'Return with a comment…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Return for changes' });
  await dialog.getByLabel('What should change').fill('Add the priority: the family fears a transfer.');
  await dialog.getByRole('button', { name: 'Return', exact: true }).click();
  await expect(review).toContainText('Returned');

  // B sees the comment, changes the case and submits it again.
  await switchTo(page, B, B_PASS, 'Basel Testworker');
  await page.getByRole('link', { name: 'Reviews' }).click();
  const mine = page.getByRole('table', { name: 'What you submitted' });
  await expect(mine.getByRole('row', { name: new RegExp(`Case ${ref}`) })).toContainText(
    'Add the priority: the family fears a transfer.',
  );
  await mine.getByRole('button', { name: `Case ${ref}` }).click();
  await page.getByRole('combobox', { name: 'Priority' }).click();
  await page.getByRole('option', { name: 'Urgent' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`Case ${ref} saved.`)).toBeVisible();
  await expect(review).toContainText('Changed since it was submitted');
  await review.getByRole('button', { name: 'Submit again' }).click();
  await expect(review).toContainText('Waiting for review');

  // C approves it from the Reviews screen.
  await switchTo(page, C, C_PASS, 'Carla Testreviewer');
  await page.getByRole('link', { name: 'Reviews' }).click();
  await waiting
    .getByRole('row', { name: new RegExp(`Case ${ref}`) })
    .getByRole('button', { name: 'Approve' })
    .click();
  await expect(page.getByText('Nothing waits for your review.')).toBeVisible();

  // The audit log names both, verified.
  await page.getByRole('link', { name: 'Audit log' }).click();
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log.getByRole('row').filter({ hasText: 'Signed by Basel Testworker' }).first()).toBeVisible();
  await expect(log.getByRole('row').filter({ hasText: 'Signed by Carla Testreviewer' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Verify audit log' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'signed by a member who was allowed' })).toBeVisible({
    timeout: 30_000,
  });

  // A's strict case is not B's: absent from B's list but for its reference, and from B's search.
  await switchTo(page, A, A_PASS, 'Amal Testadmin');
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Name in Arabic script').fill('مشدد تجريبي');
  await page.getByLabel('Name in Latin script').fill('Mushaddad Testsubject');
  await page.getByRole('combobox', { name: 'Confidentiality' }).click();
  await page.getByRole('option', { name: 'Strict', exact: true }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Reference')).toHaveText(/^ATH-\d{4}-\d{5}$/);
  await switchTo(page, B, B_PASS, 'Basel Testworker');
  await page.getByRole('link', { name: 'Cases' }).click();
  await expect(page.getByText('Mushaddad Testsubject')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Restricted, not assigned to you: 1' })).toBeVisible();
  await page.keyboard.press('Control+K');
  await page.getByRole('combobox', { name: 'Search' }).fill('Mushaddad');
  await expect(page.getByRole('group', { name: 'Persons' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // A removes B: B's passphrase no longer unlocks, and B is gone from the lock screen.
  await switchTo(page, A, A_PASS, 'Amal Testadmin');
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('button', { name: 'Remove Basel Testworker' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove member' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Basel Testworker was removed.' })).toBeVisible();
  await page.getByRole('button', { name: 'Lock vault' }).click();
  await page.getByRole('combobox', { name: 'Who is unlocking?' }).click();
  await expect(page.getByRole('option', { name: B })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Someone who learnt A's passphrase writes an entry into the database claiming A, signed with their own key:
  // the unlock names it and the verified log shows it in red as an invalid signature.
  const forged = await forgeAuditEntry(page, 'Administrator', A_PASS);
  await unlockAs(page, A, A_PASS);
  await expect(page.getByRole('alert').filter({ hasText: `The newest audit entry (${forged})` })).toBeVisible({
    timeout: 20_000,
  });
  await page.getByRole('link', { name: 'Open the audit log' }).click();
  await page.getByRole('button', { name: 'Verify audit log' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Invalid signatures: 1.' })).toBeVisible({ timeout: 30_000 });
  await expect(
    page
      .getByRole('table', { name: 'Audit log' })
      .getByRole('row')
      .filter({ hasText: 'Invalid signature (claims Amal Testadmin)' }),
  ).toHaveCount(1);
  await shot(page, 'audit-forged-entry');
  await page.getByRole('button', { name: 'Lock vault' }).click();

  // In Arabic: C's reviews and the signed custody, right to left.
  await unlockAs(page, C, C_PASS);
  await expect(page.getByRole('status', { name: 'Working: Carla Testreviewer' })).toBeVisible({ timeout: 20_000 });
  await switchToArabic(page);
  await page.getByRole('link', { name: 'المراجعات' }).click();
  await expect(page.getByText('لا شيء بانتظار مراجعتك.')).toBeVisible();
  await page.getByRole('link', { name: 'الملفات' }).click();
  await page
    .getByRole('table', { name: 'قائمة الملفات' })
    .getByRole('row', { name: new RegExp(ref) })
    .click();
  await expect(page.getByRole('region', { name: 'المراجعة' })).toContainText('مُعتمد');
  await shot(page, 'review-approved-ar');
  await page.getByRole('tab', { name: 'الأدلة' }).click();
  await expect(page.getByRole('list', { name: 'سلسلة الحيازة' }).first()).toContainText('وقّعه Carla Testreviewer');
  await shot(page, 'custody-signed-ar');
});
