/**
 * Every email in both languages, rendered from its template's default props (the react-email
 * preview data) with the links made the language's own, then photographed at both widths; the
 * HTML and the text version are written beside the pictures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderEmail } from '../../lib/email/render';
import { templates, type TemplateName, type TemplateProps } from '../../lib/email/templates';
import { LOCALES, expect, test } from '../e2e/support/fixtures';
import { at, routeOf } from '../e2e/support/pages';
import { OUT, firstLines, shoot, writeManifest, type EmailShot, type Locale } from './support';

/** A preview link in the email's language: /fr/activer?token=… becomes /en/activate?token=…. */
function localizeLinks(props: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(props).map(([key, value]) => {
      if (typeof value !== 'string' || !/^https?:\/\//.test(value)) return [key, value];
      const url = new URL(value);
      const route = routeOf(url.pathname);
      if (route) url.pathname = at(route, locale);
      return [key, url.toString()];
    }),
  );
}

test('every email in French and English, desktop and 360 px', async ({ page }, testInfo) => {
  const shots: EmailShot[] = [];
  for (const template of Object.keys(templates) as TemplateName[]) {
    const preview = (templates[template].component as { PreviewProps?: Record<string, unknown> })
      .PreviewProps;
    for (const locale of LOCALES) {
      await test.step(`${template} ${locale}`, async () => {
        const dir = path.join(OUT, 'emails', locale);
        fs.mkdirSync(dir, { recursive: true });
        const shot: EmailShot = {
          template,
          locale,
          subject: '',
          html: path.join(dir, `${template}.html`),
          text: path.join(dir, `${template}.txt`),
          textContent: '',
          files: {},
        };
        shots.push(shot);
        try {
          if (!preview) throw new Error(`emails/${template}.tsx has no PreviewProps`);
          // The preview's own locale is replaced by the one rendered.
          const props = Object.fromEntries(
            Object.entries(preview).filter(([key]) => key !== 'locale'),
          );
          const mail = await renderEmail(
            template,
            locale,
            localizeLinks(props, locale) as TemplateProps[TemplateName],
          );
          shot.subject = mail.subject;
          shot.textContent = mail.text;
          fs.writeFileSync(shot.html, mail.html);
          fs.writeFileSync(shot.text, mail.text);
          await page.setContent(mail.html, { waitUntil: 'load' });
          shot.files = await shoot(page, dir, template);
          for (const [width, file] of Object.entries(shot.files)) {
            await testInfo.attach(`${template}-${locale}-${width}`, {
              path: file,
              contentType: 'image/png',
            });
          }
        } catch (error) {
          shot.failure = firstLines(error);
        }
      });
    }
  }
  writeManifest('emails', shots);
  const failures = shots
    .filter((s) => s.failure)
    .map((s) => `${s.template} (${s.locale}): ${s.failure}`);
  expect(failures, 'emails that did not render').toEqual([]);
});
