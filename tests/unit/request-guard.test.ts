import { describe, expect, it } from 'vitest';
import {
  ACTION_BODY_LIMIT_BYTES,
  MAX_FORM_FIELDS,
  MAX_NESTING,
  nestingDepth,
  refusedStatus,
  sameOriginAsNext,
} from '@/lib/security/request-guard';

const URL_ = 'http://portail.example.ca/fr/connexion';
const SAME = { host: 'portail.example.ca', origin: 'http://portail.example.ca' };

/** A form post as React sends it (multipart), with the given headers. */
async function post(form: FormData, headers: Record<string, string> = SAME): Promise<Request> {
  const body = new Response(form);
  const bytes = await body.arrayBuffer();
  return new Request(URL_, {
    method: 'POST',
    body: bytes,
    headers: {
      'content-type': body.headers.get('content-type')!,
      'content-length': String(bytes.byteLength),
      ...headers,
    },
  });
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe('refusedStatus (ERR-01: refused before Next.js throws)', () => {
  it('lets page loads, client navigations and a genuine form post through', async () => {
    expect(await refusedStatus(new Request(URL_))).toBeNull();
    expect(await refusedStatus(new Request(URL_, { method: 'HEAD' }))).toBeNull();
    const tree = encodeURIComponent(JSON.stringify(['', { children: ['__PAGE__', {}] }]));
    const navigation = new Request(URL_, { headers: { 'next-router-state-tree': tree } });
    expect(await refusedStatus(navigation)).toBeNull();
    const genuine = form({
      '0': JSON.stringify([{ fieldErrors: {}, values: { email: 'a@example.ca' } }, '$K1']),
      '1_email': 'a@example.ca',
      '1_password': 'un mot de passe [entre crochets] { et accolades }',
    });
    expect(await refusedStatus(await post(genuine, { ...SAME, 'next-action': 'ab12' }))).toBeNull();
  });

  it('ERR-01: answers 405 to methods pages do not serve', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      expect(await refusedStatus(new Request(URL_, { method })), method).toBe(405);
    }
  });

  it('ERR-01: answers 400 to a router state header Next.js cannot parse', async () => {
    for (const value of [
      'garbage',
      '%7B',
      encodeURIComponent('["x",{"children":1}]'),
      '%E0%A4%A',
    ]) {
      const req = new Request(URL_, { headers: { 'next-router-state-tree': value } });
      expect(await refusedStatus(req), value).toBe(400);
    }
  });

  it('ERR-01: answers 403 to a post whose Origin is not the host Next.js compares it with', async () => {
    const fields = form({ '1_email': 'a@example.ca' });
    for (const origin of ['https://evil.example', 'null', 'not a url']) {
      expect(await refusedStatus(await post(fields, { ...SAME, origin })), origin).toBe(403);
    }
    // Next.js compares with the first X-Forwarded-Host when there is one.
    const proxied = { host: '127.0.0.1:3000', 'x-forwarded-host': 'portail.example.ca, other' };
    expect(await refusedStatus(await post(fields, { ...proxied, origin: SAME.origin }))).toBeNull();
  });

  it('ERR-01: answers 413 over 64 kB, declared or chunked; a small chunked form goes through', async () => {
    const big = await post(form({ '1_email': 'x'.repeat(ACTION_BODY_LIMIT_BYTES) }));
    expect(await refusedStatus(big)).toBe(413);
    const chunked = async (fields: FormData) => {
      const encoded = new Response(fields);
      return new Request(URL_, {
        method: 'POST',
        body: encoded.body,
        duplex: 'half',
        headers: { ...SAME, 'content-type': encoded.headers.get('content-type')! },
      } as RequestInit);
    };
    const bigChunked = await chunked(form({ '1_email': 'x'.repeat(ACTION_BODY_LIMIT_BYTES) }));
    expect(await refusedStatus(bigChunked)).toBe(413);
    expect(await refusedStatus(await chunked(form({ '1_email': 'a@example.ca' })))).toBeNull();
  });

  it('ERR-01: answers 400 to a body that is not a well-formed multipart form', async () => {
    const raw = (contentType: string, body: string) =>
      new Request(URL_, {
        method: 'POST',
        body,
        headers: {
          ...SAME,
          'content-type': contentType,
          'content-length': String(body.length),
          'next-action': 'ab12',
        },
      });
    expect(await refusedStatus(raw('text/plain;charset=UTF-8', '[]'))).toBe(400);
    expect(await refusedStatus(raw('application/json', '{"a":'))).toBe(400);
    expect(await refusedStatus(raw('multipart/form-data', 'garbage'))).toBe(400);
    expect(await refusedStatus(raw('multipart/form-data; boundary=abc', 'no parts'))).toBe(400);
  });

  it('ERR-01: answers 400 to deeply nested arguments and to too many fields', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(await refusedStatus(await post(form({ '0': deep })))).toBe(400);
    const many = form(
      Object.fromEntries(Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i) => [`${i}`, '"$1"'])),
    );
    expect(await refusedStatus(await post(many))).toBe(400);
  });
});

describe('sameOriginAsNext', () => {
  it('lets a post without Origin through (the action itself refuses it, CSRF-01)', () => {
    expect(sameOriginAsNext(new Headers({ host: 'portail.example.ca' }))).toBe(true);
  });
});

describe('nestingDepth', () => {
  it('counts [ and { outside JSON strings', () => {
    expect(nestingDepth('[{"a":[1,2]},"$K1"]')).toBe(3);
    expect(nestingDepth('["[[[[[[", "\\"[[["]')).toBe(1);
    expect(nestingDepth(']]]][')).toBe(1);
    expect(nestingDepth('plain text')).toBe(0);
    expect(nestingDepth('['.repeat(MAX_NESTING + 1))).toBe(MAX_NESTING + 1);
  });
});
