import { expect, test as setup } from '@playwright/test';
import { e2eUsers } from './fixtures/users.mjs';
import { overviewUrl, signIn, storageStateOf } from './helpers';

// Signs each role in once through the real login page; the specs reuse the saved sessions.
for (const role of ['admin', 'viewer'] as const) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, e2eUsers[role]);
    await expect(page).toHaveURL(overviewUrl);
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
