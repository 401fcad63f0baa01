/**
 * The City's identity and one layout grid (issue 15, items 5 and 7), in both languages: the
 * wordmark in the header, the footer's links from messages, every page's content on the same
 * column as the header and footer, no horizontal scrolling on a phone, short show/hide buttons
 * that keep their whole name, and inputs as wide as what they hold.
 */
import type { Page } from '@playwright/test';
import type { AppPathname } from '../../lib/i18n/routing';
import {
  LOCALES,
  MESSAGES,
  createActiveAccount,
  expect,
  expectAccessible,
  plain,
  test,
  type Locale,
} from './support/fixtures';
import { at, hydrated } from './support/pages';

const PUBLIC_PAGES: AppPathname[] = [
  '/login',
  '/create-account',
  '/forgot-password',
  '/resend-activation',
  '/help',
];
const SIGNED_IN_PAGES: AppPathname[] = [
  '/dashboard',
  '/settings',
  '/settings/password',
  '/settings/email',
  '/building-code-services/register',
];

/** The left edges, at the current width, of the header's, main's and footer's columns and texts. */
async function leftEdges(page: Page) {
  const x = async (selector: string) => {
    const box = await page.locator(selector).first().boundingBox();
    expect(box, selector).not.toBeNull();
    return box!.x;
  };
  return {
    header: await x('header > div'),
    main: await x('main'),
    footer: await x('footer > div'),
    wordmark: await x('header [role="img"]'),
    title: await x('main h1'),
    footerText: await x('footer p'),
  };
}

async function expectOneColumn(page: Page, label: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  const edges = await leftEdges(page);
  // The columns themselves, then what the eye sees: the wordmark, the title, the footer's text.
  expect(Math.abs(edges.footer - edges.main), `${label}: footer vs main`).toBeLessThanOrEqual(1);
  expect(Math.abs(edges.header - edges.main), `${label}: header vs main`).toBeLessThanOrEqual(1);
  expect(Math.abs(edges.title - edges.wordmark), `${label}: h1 vs wordmark`).toBeLessThanOrEqual(1);
  expect(Math.abs(edges.title - edges.footerText), `${label}: h1 vs footer`).toBeLessThanOrEqual(1);
}

async function expectNoHorizontalScroll(page: Page, label: string) {
  for (const width of [375, 320]) {
    await page.setViewportSize({ width, height: 800 });
    const sizes = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      view: window.innerWidth,
    }));
    expect(sizes.scroll, `${label} scrolls sideways at ${width} px`).toBeLessThanOrEqual(
      sizes.view,
    );
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

for (const locale of LOCALES) {
  const m = MESSAGES[locale];

  test(`the header shows the City's wordmark, the footer the City's links (${locale})`, async ({
    page,
  }) => {
    await page.goto(at('/login', locale));
    const header = page.getByRole('banner');
    await expect(header.getByRole('img', { name: m.Layout.wordmark, exact: true })).toBeVisible();
    await expect(header.getByRole('link', { name: m.Layout.home, exact: true })).toBeVisible();
    // Drawn in the page: no image file, nothing from elsewhere.
    await expect(header.locator('img')).toHaveCount(0);
    await expect(header.locator('svg').first()).toBeVisible();

    const links = page
      .getByRole('contentinfo')
      .getByRole('navigation', { name: m.Layout.footer.label, exact: true });
    const expected = m.Layout.footer.links;
    expect(Object.keys(expected)).toEqual([
      'terms',
      'privacy',
      'accessibility',
      'contact',
      'call311',
      'ottawa',
    ]);
    for (const [key, link] of Object.entries(expected)) {
      await expect(
        links.getByRole('link', { name: link.text, exact: true }),
        `footer link ${key}`,
      ).toHaveAttribute('href', link.href);
      // The City's pages in the page's own language.
      if (key !== 'call311')
        expect(link.href).toMatch(new RegExp(`^https://ottawa\\.ca/${locale}`));
    }
    expect(expected.call311.href).toBe('tel:311');
    await expect(links.getByRole('link')).toHaveCount(Object.keys(expected).length);
    await expectAccessible(page);
  });

  test(`every public page starts on the header's column and fits a phone (${locale})`, async ({
    page,
  }) => {
    for (const route of [...PUBLIC_PAGES, null]) {
      await page.goto(route ? at(route, locale) : `/${locale}/page-qui-n-existe-pas`);
      const label = route ?? '404';
      await expectOneColumn(page, label);
      await expectNoHorizontalScroll(page, label);
    }
  });

  test(`the show/hide buttons are one word with the whole name for screen readers (${locale})`, async ({
    page,
  }) => {
    await page.goto(at('/create-account', locale));
    await hydrated(page);
    for (const [key, field] of [
      ['showPassword', 'password'],
      ['showPasswordConfirm', 'passwordConfirm'],
    ] as const) {
      const name = plain(m.Form[key]);
      const toggle = page.getByRole('button', { name, exact: true });
      await expect(toggle).toHaveAttribute('aria-controls', field);
      // What the eye sees: the verb alone, so the field keeps its width beside it.
      const seen = await toggle.evaluate((button) => {
        const copy = button.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.sr-only').forEach((hidden) => hidden.remove());
        return copy.textContent?.trim();
      });
      expect(seen).toBe(m.Form[key].split('<')[0]);
      expect(name.length).toBeGreaterThan(seen!.length + 5);
      expect((await toggle.boundingBox())!.width).toBeLessThan(120);
    }
    // At 375 px the password field and its button share one row, the field as wide as the rest.
    await page.setViewportSize({ width: 375, height: 800 });
    const input = await page.locator('input#password').boundingBox();
    const email = await page.locator('input#email').boundingBox();
    const toggle = await page
      .getByRole('button', { name: plain(m.Form.showPassword), exact: true })
      .boundingBox();
    expect(Math.abs(toggle!.y - input!.y), 'button beside the field').toBeLessThan(8);
    expect(input!.width).toBeGreaterThan(email!.width * 0.6);
  });

  test(`signed-in pages share the column, fit a phone, and size inputs to their content (${locale})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await createActiveAccount(page, locale);
    for (const route of SIGNED_IN_PAGES) {
      await page.goto(at(route, locale));
      await expectOneColumn(page, route);
      await expectNoHorizontalScroll(page, route);
    }
    // The consent form (still on the screen from the loop's last page): a postal code is
    // 7 characters, an address line much longer; on a phone both take the whole width.
    const postal = page.locator('input[autocomplete="postal-code"]');
    const address = page.locator('input[autocomplete="address-line1"]');
    const tel = page.locator('input[autocomplete="tel"]').first();
    const width = async (l: typeof postal) => (await l.boundingBox())!.width;
    expect(await width(postal)).toBeLessThan((await width(address)) / 2);
    expect(await width(tel)).toBeLessThan(await width(address));
    await page.setViewportSize({ width: 375, height: 800 });
    expect(Math.abs((await width(postal)) - (await width(address)))).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectAccessible(page);
  });
}

/** Both languages' footers point to the City's pages in their own language. */
test('the footer links of the two languages are the same links, each in its language', () => {
  const keys = (l: Locale) => Object.keys(MESSAGES[l].Layout.footer.links);
  expect(keys('en')).toEqual(keys('fr'));
  for (const key of keys('fr') as (keyof typeof MESSAGES.fr.Layout.footer.links)[]) {
    const fr = MESSAGES.fr.Layout.footer.links[key].href;
    const en = MESSAGES.en.Layout.footer.links[key].href;
    if (key === 'call311') expect(fr).toBe(en);
    else expect([fr.includes('/fr'), en.includes('/en')]).toEqual([true, true]);
  }
});
