/** People made through the Settings pages, as an admin would: for the browser suites. */
import type { Page } from 'playwright-core';

export type RoleName = 'admin' | 'editor' | 'approver' | 'requester' | 'viewer';

/**
 * Creates a user from Settings → Users & roles on a page where an admin is logged in, and returns
 * the first password the page shows once.
 * @example const password = await createUserInBrowser(page, { email: 'casey@example.com', name: 'Casey', role: 'approver' });
 */
export async function createUserInBrowser(page: Page, person: { email: string; name?: string; role: RoleName }): Promise<string> {
  await page.goto('/settings/users');
  const form = page.getByRole('region', { name: 'Add a user' });
  await form.getByLabel('Email').fill(person.email);
  await form.getByLabel('Name').fill(person.name ?? '');
  await form.getByLabel('Role').selectOption(person.role);
  await form.getByRole('button', { name: 'Add user' }).click();
  const secret = form.getByTestId('one-time-secret');
  await form.getByText(`First password for ${person.email.toLowerCase()}`).waitFor();
  const password = (await secret.innerText()).trim();
  await form.getByRole('button', { name: 'Done, hide it' }).click();
  return password;
}

/** Adds a member to a team from Settings → Teams, and waits until the team lists them. */
export async function addTeamMemberInBrowser(page: Page, team: { title: string; email: string }): Promise<void> {
  await page.goto('/settings/teams');
  const card = page.getByRole('region', { name: new RegExp(`^${team.title}\\b`) });
  await card.getByLabel('Add a member by email').fill(team.email);
  await card.getByRole('button', { name: `Add to ${team.title}` }).click();
  await card.getByRole('list', { name: `Members of ${team.title}` }).getByText(team.email.toLowerCase(), { exact: true }).waitFor();
}
