import type { Locator, Page } from '@playwright/test';
import { ar } from '../../renderer/src/i18n/ar';
import { expect, test } from './fixtures';
import { PASSPHRASE, shot } from './helpers';

/**
 * The caseworker's main flow — a vault, a case, a family contact, two events, the timeline — done in Arabic with
 * the keyboard alone: no click, no fill, no locator action of any kind after the page opens. Locators are only
 * used to ask where the focus is and what the screen shows.
 */

const MAX_TABS = 60;

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}

/**
 * A focused control must show it: an outline, or (Mantine's inputs) the border taking the primary colour — on the
 * input itself or on the box drawn round it (a passphrase field's input sits inside its bordered box).
 */
async function expectFocusShown(page: Page): Promise<void> {
  const shown = () =>
    page.evaluate(() => {
      const focused = document.activeElement as HTMLElement | null;
      if (!focused || focused === document.body) return 'nothing is focused';
      const probe = document.createElement('div');
      probe.style.color = 'var(--mantine-primary-color-filled)';
      document.body.append(probe);
      const primary = getComputedStyle(probe).color;
      probe.remove();
      let el: HTMLElement | null = focused;
      for (let up = 0; el && up < 3; up++, el = el.parentElement) {
        const cs = getComputedStyle(el);
        if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) return true;
        if (cs.borderTopColor === primary && parseFloat(cs.borderTopWidth) >= 1) return true;
      }
      const name = focused.getAttribute('aria-label') ?? focused.id ?? focused.textContent?.slice(0, 40);
      return `${focused.tagName.toLowerCase()} "${name}" shows no focus`;
    });
  // Mantine eases the border colour in over a tenth of a second.
  await expect.poll(shown, { timeout: 2_000 }).toBe(true);
}

/** Presses Tab (or Shift+Tab) until the target has the focus, and says how many presses it took. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<number> {
  await expect(target).toBeVisible();
  for (let presses = 0; presses <= MAX_TABS; presses++) {
    if (await isFocused(target)) {
      await expectFocusShown(page);
      return presses;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${MAX_TABS} presses of ${backwards ? 'Shift+Tab' : 'Tab'} never reached ${target.toString()}`);
}

async function type(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

/** Opens a select with the arrow key and moves down its options until the wanted one is chosen, then Enter. */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await tabTo(page, select);
  await page.keyboard.press('ArrowDown');
  const wanted = page.getByRole('option', { name: option, exact: true });
  await expect(wanted).toBeVisible();
  for (let i = 0; i < 20 && (await wanted.getAttribute('data-combobox-selected')) === null; i++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(wanted).toHaveAttribute('data-combobox-selected');
  await page.keyboard.press('Enter');
  await expect(select).toHaveValue(option);
}

test('the main flow, in Arabic, with the keyboard alone', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    if (!localStorage.getItem('athar.settings.v1')) localStorage.setItem('athar.settings.v1', '{"language":"ar"}');
  });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  // The vault.
  await type(page, page.getByRole('textbox', { name: ar.vault.passphrase, exact: true }), PASSPHRASE);
  await type(page, page.getByRole('textbox', { name: ar.vault.confirmPassphrase }), PASSPHRASE);
  await tabTo(page, page.getByRole('checkbox', { name: ar.vault.acknowledge }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: ar.vault.create }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: ar.cases.title })).toBeVisible({ timeout: 20_000 });

  // A new case.
  await tabTo(page, page.getByRole('button', { name: ar.actions.newCase }).first());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: ar.caseEditor.newTitle })).toBeVisible();
  await type(page, page.getByRole('textbox', { name: ar.caseEditor.nameAr }), 'نادر الاختبار');
  await type(page, page.getByRole('textbox', { name: ar.caseEditor.nameLatin }), 'Nader Testperson');
  // Order is sensible both ways: back from the Latin name is the Arabic one.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('textbox', { name: ar.caseEditor.nameAr })).toBeFocused();
  await page.keyboard.press('Control+s');
  await expect(page.getByLabel(ar.caseEditor.reference)).toHaveText(/^ATH-\d{4}-\d{5}$/);

  // The case's tabs: arrows move along them, and in Arabic the next tab is to the left.
  const tabs = page.getByRole('tablist', { name: ar.casePage.tabs });
  const overview = tabs.getByRole('tab', { name: ar.casePage.overview });
  await tabTo(page, overview.and(page.locator('[aria-selected="true"]')));
  await page.keyboard.press('ArrowLeft');
  const contactsTab = tabs.getByRole('tab', { name: ar.casePage.contacts });
  await expect(contactsTab).toBeFocused();
  await expect(contactsTab).toHaveAttribute('aria-selected', 'true');

  // A family contact, through its dialog; Escape closes a dialog and the focus comes back to what opened it.
  const addContact = page.getByRole('button', { name: ar.contacts.add });
  await tabTo(page, addContact);
  await page.keyboard.press('Enter');
  const contactDialog = page.getByRole('dialog', { name: ar.contacts.dialog });
  await expect(contactDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(contactDialog).toBeHidden();
  await expect(addContact).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(contactDialog).toBeVisible();
  // The dialog holds the focus: tabbing round it never leaves it.
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    expect(await contactDialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await type(page, contactDialog.getByRole('textbox', { name: ar.contacts.safetyNotes }), 'لا تتصلوا قبل الثامنة مساءً');
  await type(page, contactDialog.getByRole('textbox', { name: ar.contacts.name }), 'أمل الاختبار');
  await type(page, contactDialog.getByRole('textbox', { name: ar.contacts.relationship }), 'أخت');
  await tabTo(page, contactDialog.getByRole('checkbox', { name: ar.contacts.consentToContact }));
  await page.keyboard.press('Space');
  await expect(contactDialog.getByRole('checkbox', { name: ar.contacts.consentToContact })).toBeChecked();
  await tabTo(page, contactDialog.getByRole('button', { name: ar.actions.save }));
  await page.keyboard.press('Enter');
  await expect(contactDialog).toBeHidden();
  await expect(page.getByRole('article', { name: 'أمل الاختبار' })).toContainText('لا تتصلوا قبل الثامنة مساءً');
  await expect(addContact).toBeFocused();

  // Two events, the second at the place the first one added.
  await tabTo(page, contactsTab, true);
  const eventsTab = tabs.getByRole('tab', { name: ar.casePage.events });
  for (let i = 0; i < 8 && !(await isFocused(eventsTab)); i++) await page.keyboard.press('ArrowLeft');
  await expect(eventsTab).toHaveAttribute('aria-selected', 'true');

  const addEvent = async (kind: string, date: string, place: { pick: string } | { add: string }): Promise<void> => {
    await tabTo(page, page.getByRole('button', { name: ar.events.add }));
    await page.keyboard.press('Enter');
    const d = page.getByRole('dialog', { name: ar.events.dialog });
    await expect(d).toBeVisible();
    await choose(page, d.getByRole('combobox', { name: ar.events.kind }), kind);
    await type(page, d.getByRole('textbox', { name: ar.events.date }), date);
    if ('add' in place) {
      await tabTo(page, d.getByRole('button', { name: ar.events.newPlace }));
      await page.keyboard.press('Enter');
      await type(page, d.getByRole('textbox', { name: ar.events.newPlaceNameEn }), place.add);
      await tabTo(page, d.getByRole('button', { name: ar.events.addPlace }));
      await page.keyboard.press('Enter');
      await expect(d.getByRole('combobox', { name: ar.events.place })).toHaveValue(place.add);
    } else {
      const where = d.getByRole('combobox', { name: ar.events.place });
      await type(page, where, place.pick);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect(where).toHaveValue(new RegExp(`^${place.pick}`));
    }
    await tabTo(page, d.getByRole('button', { name: ar.actions.save }));
    await page.keyboard.press('Enter');
    await expect(d).toBeHidden();
  };
  await addEvent(ar.eventKind.arrest, '2013-04-02', { add: 'Test Keyboard Branch' });
  await addEvent(ar.eventKind.sighting, '2013-09', { pick: 'Test Keyboard Branch' });

  // The timeline has the stay, from the arrest to the sighting.
  const timeline = page.getByRole('list', { name: ar.timeline.title });
  await expect(timeline.getByRole('listitem')).toHaveCount(1);
  await expect(timeline.getByRole('listitem').first()).toContainText('Test Keyboard Branch');
  await shot(page, 'keyboard-timeline-ar');
});
