/**
 * Accessibility proven on every page, in both languages (WCAG 2.1 AA, with WCAG 2.2's 2.5.8):
 * one tour per language opens every page of the routing table in its normal state and, for
 * forms, with the error summary showing, and audits each one: axe, "Erreur : " in the title,
 * reflow at 320 px and at 1280 px zoomed to 200 %, target sizes, no text of the other language,
 * autocomplete tokens and password fields. Then the whole journey with the keyboard only.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Page } from '@playwright/test';
import { routing } from '../../lib/i18n/routing';
import {
  LOCALES,
  MESSAGES,
  PASSWORD,
  activationLink,
  expect,
  expectAccessible,
  test,
  uniqueEmail,
  waitForHydration,
  waitForMail,
  type Locale,
} from './support/fixtures';
import {
  PAGE_STATES,
  at,
  enter,
  hydrated,
  routeOf,
  startTour,
  type FieldSet,
} from './support/pages';

// ---------------------------------------------------------------------------------------------
// The words of the other language: every literal run of text in its messages (ICU arguments,
// plural branches and rich-text tags taken apart) that is at least 4 characters long, is not the
// same in both files, and appears nowhere in this language's own messages.

function literals(elements: MessageFormatElement[], into: string[] = []): string[] {
  for (const element of elements) {
    if (element.type === TYPE.literal) into.push(element.value);
    else if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) literals(option.value, into);
    } else if (element.type === TYPE.tag) literals(element.children, into);
  }
  return into;
}

function flatten(tree: unknown, prefix = '', into = new Map<string, string>()) {
  if (typeof tree === 'string') into.set(prefix, tree);
  else if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree)) {
      flatten(value, prefix ? `${prefix}.${key}` : key, into);
    }
  }
  return into;
}

const normalize = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordRe = (text: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(text)}(?![\\p{L}\\p{N}])`, 'u');

const FLAT = { fr: flatten(MESSAGES.fr), en: flatten(MESSAGES.en) };
const fragmentsOf = (message: string) =>
  literals(parse(message, { ignoreTag: false })).map(normalize);

/** The other language's phrases that must never show on a page in `locale`. */
function foreignPhrases(locale: Locale): { key: string; phrase: string; re: RegExp }[] {
  const other: Locale = locale === 'fr' ? 'en' : 'fr';
  const own = [...FLAT[locale].values()].flatMap(fragmentsOf).join('\n');
  const phrases = new Map<string, { key: string; phrase: string; re: RegExp }>();
  for (const [key, message] of FLAT[other]) {
    if (message === FLAT[locale].get(key)) continue;
    for (const phrase of fragmentsOf(message)) {
      if (phrase.length < 4 || !/\p{L}/u.test(phrase) || phrases.has(phrase)) continue;
      const re = wordRe(phrase);
      if (re.test(own)) continue;
      phrases.set(phrase, { key, phrase, re });
    }
  }
  return [...phrases.values()];
}

const FOREIGN = { fr: foreignPhrases('fr'), en: foreignPhrases('en') };

/** The other language's phrases found in a page's text, with their message keys. */
function foreignIn(text: string, locale: Locale): string[] {
  return FOREIGN[locale].filter(({ re }) => re.test(text)).map((p) => `"${p.phrase}" (${p.key})`);
}

/**
 * The text a person meets on the page: what is shown (including visually hidden text for screen
 * readers and the options of selects), the title, and the aria-label, title, alt and placeholder
 * attributes; without the parts marked as another language (lang="en" on a French page).
 */
async function pageText(page: Page, locale: Locale): Promise<string> {
  const parts = await page.evaluate((lang) => {
    const foreign = `[lang]:not([lang="${lang}"])`;
    const style = document.createElement('style');
    style.textContent = `body ${foreign} { display: none !important; }`;
    document.head.append(style);
    const text = document.body.innerText;
    style.remove();
    const attributes = [...document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')]
      .filter((el) => !el.closest(foreign))
      .flatMap((el) =>
        ['aria-label', 'title', 'alt', 'placeholder'].map((name) => el.getAttribute(name) ?? ''),
      );
    const options = [...document.querySelectorAll('select option')]
      .filter((el) => !el.closest(foreign))
      .map((el) => el.textContent ?? '');
    return [document.title, text, ...attributes, ...options];
  }, locale);
  return normalize(parts.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// In-page measurements.

/** Elements sticking out past the viewport's right edge, when the page scrolls sideways. */
async function horizontalOverflow(page: Page, width: number): Promise<string | null> {
  await page.setViewportSize({ width, height: 800 });
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= window.innerWidth) return null;
    const describe = (el: Element) =>
      `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
        el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''
      }> "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const sticking = [...document.body.querySelectorAll('*')].filter(
      (el) => el.getBoundingClientRect().right > window.innerWidth + 0.5,
    );
    // The innermost ones: those with no child sticking out too.
    const innermost = sticking.filter((el) => !sticking.some((o) => o !== el && el.contains(o)));
    return `scrollWidth ${root.scrollWidth} > ${window.innerWidth}: ${innermost
      .slice(0, 4)
      .map(describe)
      .join(', ')}`;
  });
}

interface TargetReport {
  /** Below 24 × 24 in a form, a menu or the header. */
  failures: string[];
  /** Below 24 × 24 elsewhere and too close to another target (WCAG 2.2 2.5.8 spacing). */
  crowded: string[];
  /** Below 24 × 24, but far enough from every other target (2.5.8's spacing exception). */
  spaced: string[];
  /** Links inside a sentence: exempt (2.5.8 "inline"), reported only. */
  inline: string[];
}

/** WCAG 2.5.8 target size (minimum), 24 × 24 CSS px, for every visible control on the page. */
async function targetSizes(page: Page): Promise<TargetReport> {
  return page.evaluate(() => {
    const report = { failures: [], crowded: [], spaced: [], inline: [] } as {
      failures: string[];
      crowded: string[];
      spaced: string[];
      inline: string[];
    };
    const selector =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]';
    const targets = [...document.querySelectorAll(selector)]
      .filter((el) => el.checkVisibility({ visibilityProperty: true }))
      .map((el) => ({ el, rect: el.getBoundingClientRect() }))
      // Visually hidden until focused (the skip link): not a pointer target.
      .filter(({ el }) => {
        const style = getComputedStyle(el);
        return style.clipPath === 'none' && style.clip === 'auto';
      });
    const shown = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').trim() !== '';
      if (!(node instanceof HTMLElement)) return false;
      const style = getComputedStyle(node);
      return (
        style.display.startsWith('inline') &&
        !node.classList.contains('sr-only') &&
        (node.textContent ?? '').trim() !== ''
      );
    };
    const inSentence = (el: Element) =>
      el.tagName === 'A' &&
      getComputedStyle(el).display === 'inline' &&
      [...(el.parentElement?.childNodes ?? [])].some((node) => node !== el && shown(node));
    // 24 CSS px, with room for sub-pixel rounding.
    const tooSmall = (r: DOMRect) => r.width < 23.99 || r.height < 23.99;
    const small = targets.filter(({ rect }) => tooSmall(rect));
    for (const { el, rect } of small) {
      const label = `<${el.tagName.toLowerCase()}> "${(el.textContent ?? '')
        .trim()
        .replace(/\s+/g, ' ')
        .slice(0, 40)}" ${rect.width.toFixed(1)}×${rect.height.toFixed(1)}`;
      if (inSentence(el)) {
        report.inline.push(label);
        continue;
      }
      if (el.closest('form, nav, header')) {
        report.failures.push(label);
        continue;
      }
      // A 24 px circle on the target's centre must not touch another target or its circle.
      const cx = rect.left + rect.width / 2;
      const cy = rect.top + rect.height / 2;
      const touches = targets.some(({ el: other, rect: r }) => {
        if (other === el || other.contains(el) || el.contains(other)) return false;
        const dx = Math.max(r.left - cx, 0, cx - r.right);
        const dy = Math.max(r.top - cy, 0, cy - r.bottom);
        if (Math.hypot(dx, dy) < 12) return true;
        const ox = r.left + r.width / 2;
        const oy = r.top + r.height / 2;
        return tooSmall(r) && Math.hypot(ox - cx, oy - cy) < 24;
      });
      (touches ? report.crowded : report.spaced).push(label);
    }
    return report;
  });
}

interface FieldInfo {
  name: string;
  type: string;
  autocomplete: string | null;
  maxlength: string | null;
  toggle: string | null;
}

/** The page's fields (not checkboxes and radios) with their autocomplete and show/hide toggle. */
async function fieldsOf(page: Page): Promise<FieldInfo[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
        'main input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]), main select, main textarea',
      ),
    ].map((el) => ({
      name: el.name,
      type: el.type,
      autocomplete: el.getAttribute('autocomplete'),
      maxlength: el.getAttribute('maxlength'),
      toggle:
        document.querySelector(`button[aria-controls="${el.id}"]`)?.textContent?.trim() ?? null,
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// The expected autocomplete token of every field, page by page (WCAG 1.3.5, UX.md row 6).

const PROFILE_FIELDS = {
  title: 'honorific-prefix',
  firstName: 'given-name',
  lastName: 'family-name',
  communicationLanguage: 'language',
  unit: 'address-line3',
  address1: 'address-line1',
  address2: 'address-line2',
  city: 'address-level2',
  province: 'address-level1',
  postalCode: 'postal-code',
  country: 'country',
  phone: 'tel',
  phoneExtension: 'tel-extension',
  secondaryPhone: 'tel',
  secondaryPhoneExtension: 'tel-extension',
};
const PIN_FIELDS = { pin: 'one-time-code' };
const FIELDS = {
  login: { email: 'email', password: 'current-password' },
  createAccount: {
    email: 'email',
    emailConfirm: 'email',
    password: 'new-password',
    passwordConfirm: 'new-password',
  },
  email: { email: 'email' },
  activate: { password: 'current-password' },
  reset: { password: 'new-password', passwordConfirm: 'new-password' },
  profile: PROFILE_FIELDS,
  settingsPassword: {
    currentPassword: 'current-password',
    password: 'new-password',
    passwordConfirm: 'new-password',
  },
  settingsEmail: {
    newEmail: 'email',
    newEmailConfirm: 'email',
    currentPassword: 'current-password',
  },
  pin: PIN_FIELDS,
  // Another person's details (the owner's), or a place: nothing of the user's to fill in.
  applicant: { ownerName: 'off', ownerAddress: 'off', ownerPhone: 'off', ownerEmail: 'off' },
  location: {
    civicNumber: 'off',
    street: 'address-line1',
    unit: 'off',
    sitePostalCode: 'postal-code',
    lot: 'off',
    registeredPlan: 'off',
  },
  workDetails: {
    workDescription: 'off',
    constructionValue: 'off',
    workArea: 'off',
    currentUse: 'off',
    proposedUse: 'off',
    dwellingUnits: 'off',
  },
  // A file chooser per checklist item: nothing the browser could fill in.
  documents: { files: 'off' },
  // The staff area: a one-time code, a filter, another person's account (nothing of the user's).
  staffLogin: { email: 'email', password: 'current-password', code: 'one-time-code' },
  staffCode: { code: 'one-time-code' },
  staffQueue: { status: 'off', type: 'off', assignee: 'off' },
  // A submitted application, as an administrator: start the check, assign, a note.
  staffApplication: { comment: 'off', assignee: 'off', note: 'off' },
  staffMember: { name: 'off', email: 'off', role: 'off' },
  staffSupport: { email: 'off' },
  staffClientPins: {
    firstName: 'off',
    lastName: 'off',
    clientNumber: 'off',
    address: 'off',
    validDays: 'off',
    file: 'off',
    importValidDays: 'off',
  },
  // An issued permit, as an administrator: no move left on the page but a note.
  staffNote: { note: 'off' },
  // Inspections (issue 20). The on-site contact: the resident, until changed (their own name
  // and phone fill in); a day, a filter, a window, a result: nothing of the user's.
  inspectionRequest: { preferredOn: 'off', contactName: 'name', contactPhone: 'tel' },
  staffInspections: { day: 'off', area: 'off', status: 'off' },
  // Requested: the window only; scheduled: the window again and the result.
  staffInspection: { windowStart: 'off', windowEnd: 'off' },
  staffInspectionScheduled: { windowStart: 'off', windowEnd: 'off', toFix: 'off', notes: 'off' },
  none: {},
} satisfies Record<FieldSet, Record<string, string>>;

// ---------------------------------------------------------------------------------------------
// The audit run on each page, and what it gathers.

class Audit {
  readonly routes = new Set<string>();
  readonly pages: string[] = [];
  readonly titles: string[] = [];
  readonly reflow: string[] = [];
  readonly targets: string[] = [];
  readonly crowded: string[] = [];
  readonly spaced = new Set<string>();
  readonly inline = new Set<string>();
  readonly foreign: string[] = [];
  readonly fields: string[] = [];

  constructor(
    private readonly page: Page,
    private readonly locale: Locale,
  ) {}

  /** Audits the page as it is now; `error`: its form was just submitted with mistakes. */
  async check(label: string, fields: keyof typeof FIELDS, opts: { error?: boolean } = {}) {
    const { page, locale } = this;
    const m = MESSAGES[locale];
    const name = `${label} (${locale})${opts.error ? ' — with errors' : ''}`;
    await test.step(name, async () => {
      this.pages.push(name);
      this.routes.add(routeOf(new URL(page.url()).pathname) ?? '404');

      // Next.js streams the <title> after the body: wait until it is in.
      await expect(page).toHaveTitle(/\S/);
      const summary = page.getByRole('alert', { name: m.ErrorSummary.title });
      if (opts.error) {
        await expect(summary).toBeVisible();
        await expect(summary).toBeFocused();
      }
      // "Erreur : " / "Error: " starts the title while errors show, and only then.
      const title = await page.title();
      if (title.startsWith(m.ErrorSummary.titlePrefix) !== Boolean(opts.error)) {
        this.titles.push(`${name}: "${title}"`);
      }

      await expectAccessible(page);

      const foreign = foreignIn(await pageText(page, locale), locale);
      this.foreign.push(...foreign.map((phrase) => `${name}: ${phrase}`));

      const expected: Record<string, string> = FIELDS[fields];
      const found = await fieldsOf(page);
      for (const field of found) {
        const token = expected[field.name];
        if (token === undefined) {
          this.fields.push(`${name}: no expected autocomplete for "${field.name}"`);
        } else if (field.autocomplete !== token) {
          this.fields.push(
            `${name}: ${field.name} autocomplete="${field.autocomplete}", expected "${token}"`,
          );
        }
        if (token?.endsWith('-password')) {
          if (field.type !== 'password') this.fields.push(`${name}: ${field.name} is not hidden`);
          if (field.maxlength !== null) this.fields.push(`${name}: ${field.name} has maxlength`);
          if (!field.toggle) this.fields.push(`${name}: ${field.name} has no show/hide toggle`);
        }
      }
      const toggles = found.flatMap((f) => (f.toggle ? [f.toggle] : []));
      if (new Set(toggles).size !== toggles.length) {
        this.fields.push(`${name}: show/hide toggles share a name: ${toggles.join(' | ')}`);
      }
      for (const field of Object.keys(expected)) {
        if (!found.some((f) => f.name === field)) this.fields.push(`${name}: no field "${field}"`);
      }

      const sizes = await targetSizes(page);
      this.targets.push(...sizes.failures.map((t) => `${name}: ${t}`));
      this.crowded.push(...sizes.crowded.map((t) => `${name}: ${t}`));
      sizes.spaced.forEach((t) => this.spaced.add(`${label}: ${t}`));
      sizes.inline.forEach((t) => this.inline.add(`${label}: ${t}`));

      // Reflow (1.4.10): 320 CSS px, and 1280 px at 200 % (a 640 px viewport at 2 device px).
      for (const width of [320, 640]) {
        const overflow = await horizontalOverflow(page, width);
        if (overflow) this.reflow.push(`${name} at ${width} px: ${overflow}`);
      }
      await page.setViewportSize({ width: 1280, height: 720 });
    });
  }

  /** Every finding, as soft assertions: one run lists them all. */
  verdict() {
    const missed = [...Object.keys(routing.pathnames), '404'].filter((r) => !this.routes.has(r));
    expect.soft(missed, 'pages of the routing table not visited').toEqual([]);
    expect.soft(this.titles, '"Erreur : " in the title exactly while errors show').toEqual([]);
    expect.soft(this.foreign, 'text of the other language').toEqual([]);
    expect.soft(this.reflow, 'horizontal scrolling at 320 px or 640 px').toEqual([]);
    expect.soft(this.targets, 'targets under 24 × 24 px in forms and menus').toEqual([]);
    expect.soft(this.crowded, 'small targets too close to another (2.5.8)').toEqual([]);
    expect.soft(this.fields, 'autocomplete and password fields').toEqual([]);
    const note = (title: string, items: Iterable<string>, print = true) => {
      const list = [...items];
      if (list.length === 0) return;
      test.info().annotations.push({ type: title, description: list.join('\n') });
      if (print) console.log(`${title}:\n  ${list.join('\n  ')}`);
    };
    note(`${this.pages.length} page states audited`, this.pages, false);
    note('small targets with enough space around them (2.5.8 spacing exception)', this.spaced);
    note('links inside sentences (2.5.8 inline exception)', this.inline);
  }
}

// ---------------------------------------------------------------------------------------------
// 1, 3–7: the tour of every page: the states of tests/e2e/support/pages.ts, in order.

// Independent tests (each its own accounts): the two languages' tours, the longest tests of the
// run, go to both workers.
test.describe.configure({ mode: 'parallel' });

test.describe('every page', () => {
  // 1280 px at 200 % zoom is a 640 px viewport drawn with 2 device pixels per CSS pixel.
  test.use({ deviceScaleFactor: 2 });

  for (const locale of LOCALES) {
    const m = MESSAGES[locale];
    const other = locale === 'fr' ? 'English' : 'French';

    test(`every page, as it opens and with its errors: axe, "${m.ErrorSummary.titlePrefix.trim()}" title, reflow, 24 px targets, no ${other}, autocomplete (${locale})`, async ({
      page,
    }) => {
      // Every state of pages.ts, each audited: minutes on a busy machine.
      test.setTimeout(600_000);
      const audit = new Audit(page, locale);
      const tour = startTour(page, locale, 'a11y');
      // The first state opens the portal's root, which is the login page.
      audit.routes.add('/');
      for (const state of PAGE_STATES) {
        await enter(tour, state);
        await audit.check(state.label, state.fields, { error: state.errors });
      }
      audit.verdict();
    });
  }
});

test('the language check finds the other language, and leaves lang="…" parts and shared words alone', async ({
  page,
}) => {
  await page.setContent(`<html lang="fr"><head><title>Connexion – Mon ServiceOttawa</title></head>
    <body><a href="/en" lang="en">English</a> <p>Province : Ontario. Services</p>
    <button aria-label="Main menu">≡</button> <p>Bienvenue. Sign in</p></body></html>`);
  expect(foreignIn(await pageText(page, 'fr'), 'fr')).toEqual([
    '"Main menu" (Layout.mainNav)',
    '"Sign in" (Layout.nav.login)',
  ]);
  await page.setContent(`<html lang="en"><head><title>Sign in – Mon ServiceOttawa</title></head>
    <body><a href="/fr" lang="fr">Français</a> <p>Province: Ontario</p></body></html>`);
  expect(foreignIn(await pageText(page, 'en'), 'en')).toEqual([
    '"Mon ServiceOttawa" (Metadata.siteName)',
    '"– Mon ServiceOttawa" (Metadata.titleTemplate)',
  ]);
});

// ---------------------------------------------------------------------------------------------
// 2: the keyboard only.

interface Focused {
  tag: string;
  id: string;
  text: string;
  indicator: string;
}

/** The focused element, and its focus indicator: a visible outline or a box shadow. */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', id: '', text: '', indicator: '' };
    const style = getComputedStyle(el);
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
        ? `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`
        : '';
    const shadow = style.boxShadow !== 'none' ? `box-shadow ${style.boxShadow}` : '';
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.innerText || '').trim().replace(/\s+/g, ' '),
      indicator: outline || shadow,
    };
  });
}

async function expectFocusVisible(page: Page): Promise<Focused> {
  const now = await focused(page);
  expect(now.indicator, `a focus indicator on <${now.tag}#${now.id}> "${now.text}"`).not.toBe('');
  return now;
}

/**
 * Presses Tab (or Shift+Tab) until the focus reaches the element with this id or this text,
 * checking on the way that every element reached shows where the focus is.
 */
async function tabTo(page: Page, target: { id?: string; text?: string }, back = false) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await expectFocusVisible(page);
    if ((target.id && now.id === target.id) || (target.text && now.text === target.text)) return;
  }
  throw new Error(`Tab never reached ${JSON.stringify(target)}`);
}

test('keyboard only: create an account, activate it, register for Building Code Services, submit an application (fr)', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const m = MESSAGES.fr;
  const email = uniqueEmail('keyboard');
  const type = (text: string) => page.keyboard.type(text);

  await page.goto(at('/login', 'fr'));
  await hydrated(page);
  // The skip link comes first and takes the focus to the main content.
  await page.keyboard.press('Tab');
  expect((await expectFocusVisible(page)).text).toBe(m.Layout.skipLink);
  const skip = await page.getByRole('link', { name: m.Layout.skipLink }).boundingBox();
  expect(Math.min(skip!.width, skip!.height)).toBeGreaterThanOrEqual(24);
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await tabTo(page, { text: m.LoginPage.createAccount });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(at('/create-account', 'fr'));
  await hydrated(page);

  // A first try with a mistake: the error summary takes the focus, its links lead to the fields.
  await tabTo(page, { id: 'email' });
  await type(email);
  await tabTo(page, { id: 'emailConfirm' });
  await type(email);
  await tabTo(page, { id: 'password' });
  await type(PASSWORD);
  await tabTo(page, { id: 'passwordConfirm' });
  await type('un autre mot de passe');
  await tabTo(page, { text: m.CreateAccountPage.submit });
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert', { name: m.ErrorSummary.title });
  await expect(summary).toBeFocused();
  await expectFocusVisible(page);
  await expect(page).toHaveTitle(new RegExp(`^${escapeRe(m.ErrorSummary.titlePrefix)}`));
  await tabTo(page, { text: m.Fields.passwordConfirm.errors.mismatch });
  await page.keyboard.press('Enter');
  await expect(page.locator('#passwordConfirm')).toBeFocused();
  await expectFocusVisible(page);
  // Passwords are never sent back: type both again, then accept the terms with Space.
  await type(PASSWORD);
  await tabTo(page, { id: 'password' }, true);
  await type(PASSWORD);
  await tabTo(page, { id: 'acceptTerms' });
  await page.keyboard.press('Space');
  await expect(page.locator('#acceptTerms')).toBeChecked();
  await tabTo(page, { text: m.CreateAccountPage.submit });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(at('/create-account/check-email', 'fr'));

  // The mail client: the one navigation not made with the keyboard.
  await page.goto(activationLink(await waitForMail(email)));
  await waitForHydration(page, 'fr');
  await tabTo(page, { id: 'password' });
  await type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${at('/dashboard', 'fr')}?notice=activated`);

  await tabTo(page, { text: m.DashboardPage.widgets.buildingServices.link });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(at('/building-code-services/register', 'fr'));
  await hydrated(page);

  // The consent form: text typed, a select chosen by typing, the checkbox with Space.
  await tabTo(page, { id: 'firstName' });
  await type('Jeanne');
  await tabTo(page, { id: 'lastName' });
  await type('Tremblay');
  await tabTo(page, { id: 'address1' });
  await type('110, avenue Laurier Ouest');
  await tabTo(page, { id: 'city' });
  await type('Ottawa');
  await tabTo(page, { id: 'province' });
  await type('Ontario');
  await expect(page.locator('#province')).toHaveValue('ON');
  await tabTo(page, { id: 'postalCode' });
  await type('K1P 1J1');
  await tabTo(page, { id: 'phone' });
  await type('613 580 2424');
  await tabTo(page, { id: 'consent' });
  await page.keyboard.press('Space');
  await expect(page.locator('#consent')).toBeChecked();
  await tabTo(page, { text: m.RegisterPage.submit });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(at('/building-code-services/register/client-record', 'fr'));

  await tabTo(page, { text: m.ClientRecordPage.skipSubmit });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(at('/building-code-services', 'fr'));
  await expect(
    page.getByRole('heading', { level: 1, name: m.BuildingHomePage.title }),
  ).toBeVisible();

  // Then an application, still without a mouse: a report on compliance, from "Commencer une
  // demande" to its submission. Radios are chosen with Space, the declaration too.
  const apps = m.ApplicationPages;
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  await hydrated(page);
  await tabTo(page, { text: m.BuildingHomePage.start });
  await page.keyboard.press('Enter');
  await expect(heading(apps.new.title)).toBeVisible();
  const report = m.Applications.types.complianceReport.name.toLowerCase();
  await tabTo(page, { text: apps.new.start.replace('{type}', report) });
  await page.keyboard.press('Enter');
  await expect(heading(m.Applications.steps.location.title)).toBeVisible();
  await hydrated(page);
  for (const [id, text] of [
    ['civicNumber', '110'],
    ['street', 'avenue Laurier Ouest'],
    ['sitePostalCode', 'K1P 1J1'],
  ] as const) {
    await tabTo(page, { id });
    await type(text);
  }
  await tabTo(page, { text: apps.step.next });
  await page.keyboard.press('Enter');
  await expect(heading(m.Applications.steps.applicantPurpose.title)).toBeVisible();
  await hydrated(page);
  for (const id of ['applicantRole', 'reportPurpose', 'propertyCategory']) {
    await tabTo(page, { id });
    await page.keyboard.press('Space');
    await expect(page.locator(`#${id}`)).toBeChecked();
  }
  await tabTo(page, { text: apps.step.next });
  await page.keyboard.press('Enter');
  await expect(heading(m.Applications.steps.review.title)).toBeVisible();
  await hydrated(page);
  await tabTo(page, { id: 'declaration' });
  await page.keyboard.press('Space');
  await expect(page.locator('#declaration')).toBeChecked();
  await tabTo(page, { text: apps.review.submitAndPay });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/demandes\/RCO-\d{4}-\d{6}\?notice=submitted$/);
  await expect(
    page.getByText(m.Applications.statuses.payment_required, { exact: true }),
  ).toBeVisible();
});

// ---------------------------------------------------------------------------------------------
// 3, without JavaScript: the server puts "Erreur : " in the title of a form page it answers.

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const locale of LOCALES) {
    const m = MESSAGES[locale];
    test(`forms posted with errors have "${m.ErrorSummary.titlePrefix.trim()}" in their title (${locale})`, async ({
      page,
    }) => {
      const forms = [
        ['/login', m.LoginPage.title, m.LoginPage.submit],
        ['/create-account', m.CreateAccountPage.title, m.CreateAccountPage.submit],
        ['/resend-activation', m.ResendActivationPage.title, m.ResendActivationPage.submit],
        ['/forgot-password', m.ForgotPasswordPage.title, m.ForgotPasswordPage.submit],
      ] as const;
      for (const [route, title, button] of forms) {
        await page.goto(at(route, locale));
        await expect(page).toHaveTitle(`${title} – ${m.Metadata.siteName}`);
        await page.getByRole('button', { name: button, exact: true }).click();
        await expect(page.getByRole('alert', { name: m.ErrorSummary.title })).toBeVisible();
        await expect(page).toHaveTitle(
          `${m.ErrorSummary.titlePrefix}${title} – ${m.Metadata.siteName}`,
        );
      }
    });
  }
});
