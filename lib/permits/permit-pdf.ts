import { createTranslator } from 'next-intl';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';

/**
 * The building permit as a PDF (issue 19, "The permit"): both languages on one page, French
 * first, each label with its English beside it. Made on the server with pdf-lib (pure
 * JavaScript: no font files or native code to trace into a serverless bundle); the standard
 * Helvetica covers French (WinAnsi), so nothing is embedded. Texts: `PermitDocument` in
 * messages/*.json; the values (the address, the resident's description, the examiner's
 * conditions) are printed as written.
 */
export interface PermitPdfInput {
  reference: string;
  issuedAt: Date;
  siteAddress: string;
  /** The description and scope chosen, in both languages ("Maison" / "House"). */
  work: readonly { fr: string; en: string }[];
  description: string;
  conditions: readonly string[];
  examinerName: string;
}

const PAGE = { width: 612, height: 792 }; // US Letter, in points
const MARGIN = 54;
const WIDTH = PAGE.width - 2 * MARGIN;
const NAVY = rgb(0, 0.2, 0.4);
const GREY = rgb(0.3, 0.3, 0.3);

const t = {
  fr: createTranslator({ locale: 'fr', messages: fr, namespace: 'PermitDocument' }),
  en: createTranslator({ locale: 'en', messages: en, namespace: 'PermitDocument' }),
};

function longDate(date: Date, locale: 'fr' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'long',
    timeZone: 'America/Toronto',
  }).format(date);
}

/** Text Helvetica can draw: what WinAnsi lacks (an emoji, a CJK name) becomes "?". */
function drawable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...text.normalize('NFC').replace(/[\t\r\n]+/g, ' ')]
    .map((c) => (supported.has(c.codePointAt(0)!) ? c : '?'))
    .join('');
}

/** `text` cut into lines no wider than `width` (a word longer than a line is cut too). */
function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

export async function renderPermitPdf(input: PermitPdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const both = (key: Parameters<(typeof t)['fr']>[0]) => `${t.fr(key)} / ${t.en(key)}`;
  pdf.setTitle(`${both('title')} ${input.reference}`);
  pdf.setLanguage('fr-CA');
  pdf.setAuthor(both('city'));
  pdf.setSubject(both('title'));
  pdf.setCreationDate(input.issuedAt);
  pdf.setModificationDate(input.issuedAt);
  pdf.setProducer('My ServiceOttawa');

  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;

  const line = (text: string, font: PDFFont, size: number, color = rgb(0, 0, 0)) => {
    for (const part of wrap(font, size, drawable(font, text), WIDTH)) {
      if (y - size < MARGIN + 24) {
        page = pdf.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - MARGIN;
      }
      page.drawText(part, { x: MARGIN, y: y - size, size, font, color });
      y -= size * 1.35;
    }
  };
  const gap = (points: number) => {
    y -= points;
  };
  const field = (label: string, values: readonly string[]) => {
    line(label, bold, 10, GREY);
    for (const value of values) line(value, regular, 12);
    gap(10);
  };

  line(both('city'), bold, 12, NAVY);
  line(both('service'), regular, 11, NAVY);
  gap(14);
  line(both('title'), bold, 22, NAVY);
  line(t.fr('act'), regular, 10, GREY);
  line(t.en('act'), regular, 10, GREY);
  gap(18);

  field(both('reference'), [input.reference]);
  field(both('issuedOn'), [
    `${longDate(input.issuedAt, 'fr')} / ${longDate(input.issuedAt, 'en')}`,
  ]);
  field(both('address'), [input.siteAddress]);
  field(
    both('work'),
    input.work.map((w) => (w.fr === w.en ? w.fr : `${w.fr} / ${w.en}`)),
  );
  field(both('description'), [input.description]);
  field(
    both('conditions'),
    input.conditions.length > 0
      ? input.conditions.map((c, i) => `${i + 1}. ${c}`)
      : [`${t.fr('noConditions')} / ${t.en('noConditions')}`],
  );
  field(both('issuedBy'), [input.examinerName]);
  gap(6);
  line(t.fr('post'), bold, 11);
  line(t.en('post'), bold, 11);

  const pages = pdf.getPages();
  pages.forEach((p, i) => {
    const numbers = { page: i + 1, pages: pages.length };
    p.drawText(`${input.reference} · ${t.fr('page', numbers)} / ${t.en('page', numbers)}`, {
      x: MARGIN,
      y: MARGIN - 12,
      size: 9,
      font: regular,
      color: GREY,
    });
  });
  return pdf.save();
}
