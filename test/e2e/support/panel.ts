import type { Locator, Page } from 'playwright-core';

/** Signs in through the login form and waits for the first page of the panel. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Keel' }).waitFor();
}

/** Waits until the text is visible somewhere on the page. */
export async function see(page: Page, text: string | RegExp): Promise<void> {
  await page.getByText(text).first().waitFor();
}

/** The open dialog (Mantine modal), by its title. */
export function dialog(page: Page, title: string | RegExp) {
  return page.getByRole('dialog', { name: title });
}

/** Opens a page from the navigation and waits for its heading. */
export async function navigate(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** The one-time password shown in a result dialog. */
export async function oneTimePassword(page: Page): Promise<string> {
  const secret = (await page.getByRole('dialog').locator('code').textContent())?.trim();
  if (!secret) throw new Error('no one-time password shown');
  return secret;
}

/** Chooses an action from a customer row's menu (all but the row's common action are there). */
export async function chooseFromRowMenu(page: Page, row: Locator, action: string): Promise<void> {
  await row.getByRole('button', { name: /^More actions for/ }).click();
  await page.getByRole('menuitem', { name: action, exact: true }).click();
}
