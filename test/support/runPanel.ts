import type { Page } from 'playwright-core';

/** Types run settings into the run panel as a user would: each field filled, then Tab, in the given order. */
export async function setRunSettings(page: Page, settings: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(settings)) {
    await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel(label, { exact: true }).press('Tab');
  }
}
