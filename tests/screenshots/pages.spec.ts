/**
 * Every state of every page (tests/e2e/support/pages.ts), one tour per language, photographed at
 * both widths. A state that does not load or shows an error page is recorded and the tour goes
 * on; the test fails at the end with the list.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import globalError from '../../messages/global-error.json';
import { LOCALES, MESSAGES, expect, test } from '../e2e/support/fixtures';
import { PAGE_STATES, enter, startTour, type PageState } from '../e2e/support/pages';
import { OUT, firstLines, shoot, writeManifest, type Locale, type PageShot } from './support';

/** What is wrong with the page as it shows now, for this state; null when all is well. */
async function unexpected(page: Page, state: PageState, locale: Locale): Promise<string | null> {
  const m = MESSAGES[locale];
  const url = page.url();
  if (!url.startsWith('http')) return `the page did not load (${url})`;
  const headings = await page
    .locator('h1')
    .evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
  if (headings.includes(m.ErrorPage.title) || headings.includes(globalError[locale].title)) {
    return `the error page ("${m.ErrorPage.title}") showed`;
  }
  const notFound = headings.includes(m.NotFoundPage.title);
  if (notFound && !state.notFound) return `"${m.NotFoundPage.title}" showed`;
  if (!notFound && state.notFound) return `"${m.NotFoundPage.title}" did not show`;
  return null;
}

for (const locale of LOCALES) {
  test.describe(locale, () => {
    test.use({ locale: `${locale}-CA` });

    test(`every page in ${locale}, desktop and 360 px`, async ({ page }, testInfo) => {
      let serverError = '';
      page.on('response', (response) => {
        if (response.request().isNavigationRequest() && response.status() >= 500) {
          serverError = `${response.status()} from ${new URL(response.url()).pathname}`;
        }
      });
      const tour = startTour(page, locale, 'screens');
      const shots: PageShot[] = [];
      for (const [i, state] of PAGE_STATES.entries()) {
        const nn = String(i + 1).padStart(2, '0');
        const name = `${nn}-${state.page}-${state.state}`;
        await test.step(name, async () => {
          serverError = '';
          const problems: string[] = [];
          try {
            await enter(tour, state);
            const wrong = await unexpected(page, state, locale);
            if (wrong) problems.push(wrong);
          } catch (error) {
            problems.push(`did not load as expected: ${firstLines(error)}`);
          }
          if (serverError) problems.push(`the server answered ${serverError}`);
          const url = new URL(page.url());
          const shot: PageShot = {
            nn,
            page: state.page,
            state: state.state,
            label: state.label,
            locale,
            url: url.pathname + url.search,
            files: {},
          };
          try {
            shot.files = await shoot(page, path.join(OUT, 'pages', locale), name);
            for (const [width, file] of Object.entries(shot.files)) {
              await testInfo.attach(`${name}-${width}`, { path: file, contentType: 'image/png' });
            }
          } catch (error) {
            problems.push(`no screenshot: ${firstLines(error)}`);
          }
          if (problems.length) shot.failure = problems.join('; ');
          shots.push(shot);
        });
      }
      writeManifest(`pages-${locale}`, shots);
      const failures = shots
        .filter((s) => s.failure)
        .map((s) => `${s.nn} ${s.label} (${s.state}): ${s.failure}`);
      expect(failures, 'pages that did not show as expected').toEqual([]);
    });
  });
}
