import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addMember, createNamedVault, newCase, shot, switchTo, switchToArabic } from './helpers';

const A_PASS = 'administrator olive passphrase';
const B_PASS = 'caseworker tram passphrase';
const A = /^\W*Administrator\W+·/;
const B = /^\W*BT\W+·/;

async function openCase(page: Page, reference: string): Promise<void> {
  await page.getByRole('link', { name: 'Cases' }).click();
  await page
    .getByRole('table', { name: 'Case list' })
    .getByRole('row', { name: new RegExp(reference) })
    .click();
}

test('compartments: a strict case is read only by its assigned members; the others see its reference, and nothing of it in the list, search, print or export', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await createNamedVault(page, 'Amal Testadmin', A_PASS);
  await addMember(page, 'Basel Testworker', 'BT', ['Caseworker', 'Investigator'], B_PASS);

  // A strict case, assigned to its maker only.
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Name in Arabic script').fill('سرية تجريبية');
  await page.getByLabel('Name in Latin script').fill('Sirriya Testsubject');
  await page.getByRole('combobox', { name: 'Confidentiality' }).click();
  await page.getByRole('option', { name: 'Strict', exact: true }).click();
  await expect(page.getByText('only these members can read it')).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  const ref = page.getByLabel('Reference');
  await expect(ref).toHaveText(/^ATH-\d{4}-\d{5}$/);
  const strictRef = (await ref.textContent()) ?? '';
  await newCase(page, 'Maftuh Testsubject', 'مفتوح تجريبي');

  // A, assigned, counts both in Patterns.
  await page.getByRole('link', { name: 'Patterns' }).click();
  await expect(page.getByText('People counted: 2')).toBeVisible();

  // B is not assigned: the list shows the reference and why, and nothing else of it.
  await switchTo(page, B, B_PASS, 'Basel Testworker');
  await page.getByRole('link', { name: 'Cases' }).click();
  const list = page.getByRole('table', { name: 'Case list' });
  const row = list.getByRole('row', { name: new RegExp(strictRef) });
  await expect(row).toContainText('Strict case — you are not assigned to it');
  await expect(page.getByText('Sirriya Testsubject')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Restricted, not assigned to you: 1' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print summaries of these 1…' })).toBeVisible();
  await shot(page, 'compartment-list-en');
  // Search finds the open case and nothing of the strict one.
  await page.keyboard.press('Control+K');
  const box = page.getByRole('combobox', { name: 'Search' });
  await box.fill('Testsubject');
  const persons = page.getByRole('group', { name: 'Persons' });
  await expect(persons.getByRole('option')).toHaveCount(1);
  await expect(persons.getByRole('option').first()).toContainText('Maftuh Testsubject');
  await box.fill('سرية');
  await expect(page.getByRole('group', { name: 'Persons' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  // Patterns counts only the open case, says one is left out, and the cases behind a number are only the open one.
  await page.getByRole('link', { name: 'Patterns' }).click();
  await expect(page.getByText('People counted: 1')).toBeVisible();
  await expect(
    page.getByText('Cases in compartments you are not assigned to, not counted here by number or by name: 1.'),
  ).toBeVisible();
  await page
    .getByRole('table', { name: 'People by sex' })
    .getByRole('button', { name: /^Unknown, People: 1\. Show the cases$/ })
    .click();
  const behind = page.getByRole('dialog', { name: 'Cases behind: Unknown, People' });
  await expect(behind.getByRole('row')).toHaveCount(2);
  await expect(behind).toContainText('Maftuh Testsubject');
  await page.keyboard.press('Escape');
  await expect(page.getByText('Sirriya Testsubject')).toHaveCount(0);
  await page.getByRole('link', { name: 'Cases' }).click();
  // Opening it says who may read it.
  await row.click();
  await expect(page.getByText('Strict case: you are not assigned to it')).toBeVisible();
  await expect(page.getByText(/only the members assigned to it hold: Amal Testadmin/)).toBeVisible();
  await shot(page, 'compartment-withheld-en');

  // A gives B access: B reads it at the next unlock.
  await switchTo(page, A, A_PASS, 'Amal Testadmin');
  await openCase(page, strictRef);
  await page.getByRole('combobox', { name: 'Members who can read this case' }).click();
  await page.getByRole('option', { name: 'Basel Testworker', exact: true }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`Case ${strictRef} saved.`)).toBeVisible({ timeout: 20_000 });
  await switchTo(page, B, B_PASS, 'Basel Testworker');
  await page.getByRole('link', { name: 'Cases' }).click();
  await expect(list.getByRole('row', { name: new RegExp(strictRef) })).toContainText('Sirriya Testsubject');

  // A takes it back: a new key, the case re-sealed; B is shut out again.
  await switchTo(page, A, A_PASS, 'Amal Testadmin');
  await openCase(page, strictRef);
  await page.getByRole('combobox', { name: 'Members who can read this case' }).click();
  await page.getByRole('option', { name: 'Basel Testworker', exact: true }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`Case ${strictRef} saved.`)).toBeVisible({ timeout: 20_000 });
  await switchTo(page, B, B_PASS, 'Basel Testworker');
  await page.getByRole('link', { name: 'Cases' }).click();
  await expect(list.getByRole('row', { name: new RegExp(strictRef) })).toContainText(
    'Strict case — you are not assigned to it',
  );

  await switchToArabic(page);
  await page.getByRole('link', { name: 'الملفات' }).click();
  await expect(
    page.getByRole('table', { name: 'قائمة الملفات' }).getByRole('row', { name: new RegExp(strictRef) }),
  ).toContainText('لست مكلّفًا به');
  await shot(page, 'compartment-list-ar');
  await page
    .getByRole('table', { name: 'قائمة الملفات' })
    .getByRole('row', { name: new RegExp(strictRef) })
    .click();
  await expect(page.getByText('ملف بسرّية مشدّدة: لست مكلّفًا به')).toBeVisible();
  await shot(page, 'compartment-withheld-ar');
});
