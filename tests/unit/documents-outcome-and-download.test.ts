import { describe, expect, it } from 'vitest';
import { contentDisposition } from '@/lib/documents/content-disposition';
import { outcomeQuery, readOutcome } from '@/lib/documents/upload-outcome';

const parse = (query: string) => {
  const params = new URLSearchParams(query);
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    record[key] = all.length > 1 ? all : all[0]!;
  }
  return readOutcome(record);
};

describe('the upload outcome carried back to the Documents step', () => {
  it('round-trips the accepted count and each refusal (reason and cleaned name), nothing else', () => {
    const outcome = {
      item: 'sitePlan',
      accepted: 2,
      refusals: [
        { reason: 'wrong_type' as const, name: 'plan: final.pdf' },
        { reason: 'too_big' as const, name: 'énorme & lourd.pdf' },
      ],
    };
    expect(parse(outcomeQuery(outcome))).toEqual({ ...outcome, formError: undefined });
  });

  it('drops what it does not know: an item that is no key, a made-up reason, a wild count', () => {
    expect(parse('item=../x&accepted=1')).toBeNull();
    expect(
      parse('item=sitePlan&accepted=9999&refused=hacked:x.pdf&refused=empty:vide.pdf'),
    ).toEqual({
      item: 'sitePlan',
      accepted: 0,
      refusals: [{ reason: 'empty', name: 'vide.pdf' }],
      formError: undefined,
    });
    expect(parse('item=sitePlan&uploadError=no_file')?.formError).toBe('no_file');
    expect(parse('item=sitePlan&uploadError=<script>')?.formError).toBeUndefined();
  });
});

describe('DOC-03: Content-Disposition of a download', () => {
  it('is always an attachment, with an ASCII fallback and the UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('plan.pdf')).toBe(
      `attachment; filename="plan.pdf"; filename*=UTF-8''plan.pdf`,
    );
    expect(contentDisposition('Plan d’implantation (v2).pdf')).toBe(
      `attachment; filename="Plan dimplantation (v2).pdf"; filename*=UTF-8''Plan%20d%E2%80%99implantation%20%28v2%29.pdf`,
    );
    expect(contentDisposition('élévation.pdf')).toBe(
      `attachment; filename="elevation.pdf"; filename*=UTF-8''%C3%A9l%C3%A9vation.pdf`,
    );
    // Quotes and semicolons cannot end the parameter early.
    expect(contentDisposition('a";b.pdf')).toMatch(/^attachment; filename="a__b\.pdf"; /);
    expect(contentDisposition('中文.pdf')).toMatch(/^attachment; filename="document\.pdf"; /);
  });
});
