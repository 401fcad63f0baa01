/**
 * Shared by the screenshot specs and the index: where pictures go, the two widths, how a page is
 * photographed, and the manifest each spec writes for screenshots/index.html.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

export const OUT = process.env.SCREENSHOTS_OUT ?? path.resolve('screenshots');
/** One JSON file per test, read by write-index.ts when the run ends. */
export const MANIFEST_DIR = path.join(OUT, '.manifest');

export const WIDTHS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 360, height: 740 },
} as const;
export type Width = keyof typeof WIDTHS;
export type Files = Partial<Record<Width, string>>;

export type Locale = 'fr' | 'en';

export interface PageShot {
  nn: string;
  page: string;
  state: string;
  label: string;
  locale: Locale;
  /** The address the page was at, path and query. */
  url: string;
  files: Files;
  /** Why this state is wrong: it did not load, or showed an error page. */
  failure?: string;
}

export interface EmailShot {
  template: string;
  locale: Locale;
  subject: string;
  html: string;
  text: string;
  textContent: string;
  files: Files;
  failure?: string;
}

export function writeManifest(name: string, entries: PageShot[] | EmailShot[]): void {
  fs.mkdirSync(MANIFEST_DIR, { recursive: true });
  fs.writeFileSync(path.join(MANIFEST_DIR, `${name}.json`), JSON.stringify(entries));
}

/**
 * Photographs the page as it is now at both widths, full length; back to desktop width
 * afterwards. With a modal dialog open (the idle warning), the screen only: what the person sees,
 * the dialog over the dimmed page (a full-length picture would dim only its first screen).
 */
export async function shoot(page: Page, dir: string, base: string): Promise<Files> {
  fs.mkdirSync(dir, { recursive: true });
  const files: Files = {};
  for (const [width, viewport] of Object.entries(WIDTHS) as [Width, (typeof WIDTHS)[Width]][]) {
    await page.setViewportSize(viewport);
    // One frame for the new layout.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const file = path.join(dir, `${base}-${width}.png`);
    const modal = await page.evaluate(() => document.querySelector('dialog:modal') !== null);
    await page.screenshot({ path: file, fullPage: !modal, animations: 'disabled' });
    files[width] = file;
  }
  await page.setViewportSize(WIDTHS.desktop);
  return files;
}

export const firstLines = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 6).join('\n');
