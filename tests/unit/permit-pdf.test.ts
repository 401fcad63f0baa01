import { inflateSync } from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPermitPdf, type PermitPdfInput } from '@/lib/permits/permit-pdf';

const PERMIT: PermitPdfInput = {
  reference: 'CON-2026-000042',
  issuedAt: new Date('2026-12-04T15:00:00Z'),
  siteAddress: '110 avenue Laurier Ouest, Ottawa ON K1P 1J1',
  work: [
    { fr: 'Maison', en: 'House' },
    { fr: 'Agrandissement', en: 'Addition' },
  ],
  description: 'Agrandissement à l’arrière de la maison, 24 m², avec une terrasse.',
  conditions: ['Une inspection des semelles est requise avant le coulage du béton.'],
  examinerName: 'Émilie Côté',
};

/** WinAnsi's own characters in 0x80–0x9F (Node's decoders read those bytes as Latin-1 controls). */
const WIN_ANSI: Record<string, string> = {
  '\x80': '€',
  '\x85': '…',
  '\x8c': 'Œ',
  '\x91': '‘',
  '\x92': '’',
  '\x93': '“',
  '\x94': '”',
  '\x96': '–',
  '\x97': '—',
  '\x9c': 'œ',
};

/** The text the PDF draws: each page's content stream inflated, its strings decoded (WinAnsi). */
function drawnText(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf).toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      content = match[1]!;
    }
    for (const text of content.matchAll(/<([0-9A-Fa-f]+)> Tj/g)) {
      const latin1 = Buffer.from(text[1]!, 'hex').toString('latin1');
      lines.push(latin1.replace(/[\x80-\x9f]/g, (c) => WIN_ANSI[c] ?? c));
    }
  }
  return lines;
}

describe('the permit PDF (issue 19, "The permit")', () => {
  it('is a PDF with both languages, the reference, address, work, description, conditions, date and examiner', async () => {
    const pdf = await renderPermitPdf(PERMIT);
    expect((await fileTypeFromBuffer(pdf))?.mime).toBe('application/pdf');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('Permis de construire / Building permit CON-2026-000042');
    const text = drawnText(pdf);
    expect(text).toEqual(
      expect.arrayContaining([
        'Permis de construire / Building permit',
        'Numéro de permis / Permit number',
        'CON-2026-000042',
        '4 décembre 2026 / December 4, 2026',
        '110 avenue Laurier Ouest, Ottawa ON K1P 1J1',
        'Maison / House',
        'Agrandissement / Addition',
        'Agrandissement à l’arrière de la maison, 24 m², avec une terrasse.',
        '1. Une inspection des semelles est requise avant le coulage du béton.',
        'Délivré par / Issued by',
        'Émilie Côté',
        'Délivré en vertu de la Loi de 1992 sur le code du bâtiment',
        'Issued under the Building Code Act, 1992',
        'CON-2026-000042 · Page 1 de 1 / Page 1 of 1',
      ]),
    );
  });

  it('wraps long text, flows onto more pages, and draws what Helvetica lacks as "?"', async () => {
    const pdf = await renderPermitPdf({
      ...PERMIT,
      description: `Rénovation 🏠 ${'très '.repeat(60)}complète; ${'x'.repeat(200)}`,
      conditions: Array.from({ length: 40 }, (_, i) => `Condition numéro ${i + 1} à respecter.`),
      examinerName: '李 Tremblay',
    });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(2);
    const text = drawnText(pdf);
    expect(text.some((l) => l.startsWith('Rénovation ? très très'))).toBe(true);
    expect(text).toContain('? Tremblay');
    expect(text).toContain('40. Condition numéro 40 à respecter.');
    expect(text).toContain('CON-2026-000042 · Page 2 de 2 / Page 2 of 2');
    // No drawn line is wider than the page allows: the 200 x's were cut.
    expect(Math.max(...text.map((l) => l.length))).toBeLessThan(120);
  });

  it('says so when there are no conditions', async () => {
    const text = drawnText(await renderPermitPdf({ ...PERMIT, conditions: [] }));
    expect(text).toContain('Aucune condition particulière. / No special conditions.');
  });
});
