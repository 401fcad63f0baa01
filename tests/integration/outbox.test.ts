import net from 'node:net';
import { eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { emailOutbox } from '@/lib/db/schema';
import {
  deliverPending,
  enqueueEmail,
  listMailbox,
  MAX_ATTEMPTS,
  type MailTransport,
} from '@/lib/email/outbox';
import { emailMessage } from '@/emails/components/messages';
import { templates, type TemplateName } from '@/lib/email/templates';
import { getTransport } from '@/lib/email/transport';
import { createTestDb, fakeClock, type TestDb } from '../helpers/db';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

const FR_URL = 'https://portail.example/fr/activer?token=Zk3vQ9xL2mN8pR4tW6yB1c';
const EN_URL = 'https://portail.example/en/activate?token=Hq7sD2fG5jK8lM1nP4rT0v';

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text of every <a> whose href is `url`, comments (Outlook conditionals) and tags stripped. */
function linkTexts(html: string, url: string): string[] {
  const href = escapeRegExp(url.replace(/&/g, '&amp;'));
  const links = html.matchAll(new RegExp(`<a[^>]*href="${href}"[^>]*>([\\s\\S]*?)</a>`, 'g'));
  return [...links].map((match) =>
    (match[1] ?? '')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<[^>]+>/g, '')
      .trim(),
  );
}

function recipients(mail: ParsedMail): string[] {
  return [mail.to ?? []].flat().flatMap((to) => to.value.map((a) => a.address ?? ''));
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('email outbox', () => {
  let t: TestDb;
  let sink: SmtpSink;
  let smtp: MailTransport;

  beforeAll(async () => {
    vi.stubEnv('AUTH_SECRET', 'test-secret-for-the-outbox-0123456789abcdef');
    [t, sink] = await Promise.all([createTestDb(), startSmtpSink()]);
    smtp = nodemailer.createTransport(sink.url);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await Promise.all([t.close(), sink.close()]);
  });
  beforeEach(async () => {
    await t.db.delete(emailOutbox);
    sink.messages.length = 0;
  });

  const rows = () => t.db.select().from(emailOutbox);

  it('queues nothing when the transaction that enqueued the mail rolls back', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueEmail(tx, {
          to: 'rollback@example.com',
          template: 'activation',
          locale: 'fr',
          props: { activationUrl: FR_URL, expiresInHours: 48 },
        });
        expect(await tx.select().from(emailOutbox)).toHaveLength(1);
        tx.rollback();
      }),
    ).rejects.toThrow();
    expect(await rows()).toEqual([]);
  });

  it('delivers a French activation mail over SMTP with the link in the HTML and text parts', async () => {
    vi.stubEnv('SMTP_URL', sink.url);
    const transport = getTransport();
    expect(transport).not.toBeNull();
    await enqueueEmail(t.db, {
      to: 'marie@example.com',
      template: 'activation',
      locale: 'fr',
      props: { activationUrl: FR_URL, expiresInHours: 48 },
    });

    const counts = await deliverPending(t.db, { transport: transport! });

    expect(counts).toEqual({ sent: 1, failed: 0, retried: 0 });
    const mail = await sink.waitFor((m) => recipients(m).includes('marie@example.com'));
    expect(mail.subject).toBe('Activez votre compte Mon ServiceOttawa');
    expect(mail.from?.value).toEqual([
      { name: 'Mon ServiceOttawa', address: 'no-reply@ottawa.ca' },
    ]);
    const html = mail.html || '';
    expect(html).toContain('lang="fr"');
    expect(linkTexts(html, FR_URL)).toContain('Activer mon compte');
    expect(html).toContain('48 heures');
    expect(mail.text).toMatch(new RegExp(`Activer mon compte\\s+${escapeRegExp(FR_URL)}`));
    expect(mail.text).toContain('48 heures');
  });

  it('delivers the English activation mail in English', async () => {
    await enqueueEmail(t.db, {
      to: 'john@example.com',
      template: 'activation',
      locale: 'en',
      props: { activationUrl: EN_URL, expiresInHours: 48 },
    });

    await deliverPending(t.db, { transport: smtp });

    const mail = await sink.waitFor((m) => recipients(m).includes('john@example.com'));
    expect(mail.subject).toBe('Activate your My ServiceOttawa account');
    expect(mail.html || '').toContain('lang="en"');
    expect(linkTexts(mail.html || '', EN_URL)).toContain('Activate my account');
    expect(mail.text).toMatch(new RegExp(`Activate my account\\s+${escapeRegExp(EN_URL)}`));
    expect(mail.text).toContain('48 hours');
  });

  it('delivers every email the portal sends, in French and in English, with its own subject and lang', async () => {
    const names = Object.keys(templates) as TemplateName[];
    for (const template of names) {
      for (const locale of ['fr', 'en'] as const) {
        const preview = (templates[template].component as { PreviewProps?: object }).PreviewProps;
        const props: Record<string, unknown> = { ...preview };
        delete props.locale;
        await enqueueEmail(t.db, {
          to: `${template}.${locale}@example.com`,
          template,
          locale,
          props: props as never,
        });
      }
    }
    const counts = await deliverPending(t.db, { transport: smtp, limit: 100 });
    expect(counts).toEqual({ sent: names.length * 2, failed: 0, retried: 0 });
    for (const template of names) {
      for (const locale of ['fr', 'en'] as const) {
        const mail = await sink.waitFor((m) =>
          recipients(m).includes(`${template}.${locale}@example.com`),
        );
        expect(mail.subject, `${template} ${locale}`).toBe(
          emailMessage(locale, templates[template].subjectKey),
        );
        expect(mail.html || '').toContain(`lang="${locale}"`);
        expect(mail.text).toContain(emailMessage(locale, 'Layout.automated'));
      }
    }
  });

  it('keeps the one-time link out of the database: encrypted before delivery, erased after', async () => {
    await enqueueEmail(t.db, {
      to: 'secret@example.com',
      template: 'activation',
      locale: 'fr',
      props: { activationUrl: FR_URL, expiresInHours: 48 },
    });
    const [queued] = await rows();
    expect(queued?.payload).toBeTruthy();
    expect(queued?.payload).not.toContain('Zk3vQ9xL2mN8pR4tW6yB1c');
    expect(queued?.payload).not.toContain('activer');
    expect(queued?.status).toBe('pending');

    await deliverPending(t.db, { transport: smtp });

    const [sent] = await rows();
    expect(sent?.status).toBe('sent');
    expect(sent?.payload).toBeNull();
    expect(sent?.sentAt).toBeInstanceOf(Date);
    expect(sent?.attempts).toBe(1);
  });

  it('keeps mail pending with a backoff while SMTP is down, then delivers it once due', async () => {
    const clock = fakeClock();
    const down = nodemailer.createTransport(`smtp://127.0.0.1:${await closedPort()}`);
    await enqueueEmail(
      t.db,
      {
        to: 'retry@example.com',
        template: 'activation',
        locale: 'fr',
        props: { activationUrl: FR_URL, expiresInHours: 48 },
      },
      { now: clock.now },
    );

    expect(await deliverPending(t.db, { transport: down, now: clock.now })).toEqual({
      sent: 0,
      failed: 0,
      retried: 1,
    });
    const [waiting] = await rows();
    expect(waiting?.status).toBe('pending');
    expect(waiting?.attempts).toBe(1);
    expect(waiting?.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 60_000);
    expect(waiting?.lastError).toMatch(/ECONNREFUSED/);
    expect(waiting?.lastError).not.toContain('Zk3vQ9xL2mN8pR4tW6yB1c');

    // Not due yet: even a working transport sends nothing.
    clock.advance(30_000);
    expect((await deliverPending(t.db, { transport: smtp, now: clock.now })).sent).toBe(0);
    expect(sink.messages).toHaveLength(0);

    clock.advance(30_000);
    expect((await deliverPending(t.db, { transport: smtp, now: clock.now })).sent).toBe(1);
    await sink.waitFor((m) => recipients(m).includes('retry@example.com'));
    const [sent] = await rows();
    expect(sent?.status).toBe('sent');
    expect(sent?.attempts).toBe(2);
    expect(sent?.lastError).toBeNull();
  });

  it(`marks mail failed after ${MAX_ATTEMPTS} failed attempts, with growing delays`, async () => {
    const clock = fakeClock();
    const down = nodemailer.createTransport(`smtp://127.0.0.1:${await closedPort()}`);
    await enqueueEmail(
      t.db,
      {
        to: 'never@example.com',
        template: 'account-exists',
        locale: 'en',
        props: { loginUrl: 'https://p.example/en/login', forgotPasswordUrl: 'https://p.example/x' },
      },
      { now: clock.now },
    );

    const delays: number[] = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const counts = await deliverPending(t.db, { transport: down, now: clock.now });
      expect(counts).toEqual({ sent: 0, failed: 0, retried: 1 });
      const [row] = await rows();
      delays.push((row!.nextAttemptAt.getTime() - clock.now().getTime()) / 60_000);
      clock.advance(2 * 60 * 60_000);
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60]);

    expect(await deliverPending(t.db, { transport: down, now: clock.now })).toEqual({
      sent: 0,
      failed: 1,
      retried: 0,
    });
    const [failed] = await rows();
    expect(failed?.status).toBe('failed');
    expect(failed?.attempts).toBe(MAX_ATTEMPTS);
    expect(failed?.lastError).toMatch(/ECONNREFUSED/);

    // A failed mail is never picked up again.
    clock.advance(24 * 60 * 60_000);
    expect(await deliverPending(t.db, { transport: smtp, now: clock.now })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    expect(sink.messages).toHaveLength(0);
  });

  it('sends each mail exactly once when two drainers run at the same time', async () => {
    const addresses = ['a', 'b', 'c', 'd', 'e'].map((name) => `${name}@example.com`);
    for (const to of addresses) {
      await enqueueEmail(t.db, {
        to,
        template: 'activation',
        locale: 'fr',
        props: { activationUrl: FR_URL, expiresInHours: 48 },
      });
    }

    const [first, second] = await Promise.all([
      deliverPending(t.db, { transport: smtp, limit: 3 }),
      deliverPending(t.db, { transport: smtp, limit: 3 }),
    ]);
    // Whatever the first two claims left over goes out on the next drain.
    const third = await deliverPending(t.db, { transport: smtp });

    expect(first.sent + second.sent + third.sent).toBe(addresses.length);
    const received = sink.messages.flatMap(recipients).sort();
    expect(received).toEqual(addresses);
    expect((await rows()).every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
  });

  it('rejects CR or LF in the recipient address and queues nothing', async () => {
    for (const to of ['victim@example.com\r\nBcc: x@y.example', 'a@b.example\nBcc: x@y', 'a\r@b']) {
      await expect(
        enqueueEmail(t.db, {
          to,
          template: 'activation',
          locale: 'en',
          props: { activationUrl: EN_URL, expiresInHours: 48 },
        }),
      ).rejects.toThrow(/CR\/LF/);
    }
    expect(await rows()).toEqual([]);
  });

  it('fails, without sending, a mail whose recipient was changed in the database', async () => {
    await enqueueEmail(t.db, {
      to: 'owner@example.com',
      template: 'activation',
      locale: 'en',
      props: { activationUrl: EN_URL, expiresInHours: 48 },
    });
    await t.db.update(emailOutbox).set({ toAddress: 'attacker@example.com' });

    expect(await deliverPending(t.db, { transport: smtp })).toEqual({
      sent: 0,
      failed: 1,
      retried: 0,
    });
    expect(sink.messages).toHaveLength(0);
    const [row] = await rows();
    expect(row?.status).toBe('failed');
    expect(row?.lastError).toMatch(/cannot be decrypted/);
  });

  it('refuses to deliver without AUTH_SECRET and leaves the queue untouched', async () => {
    await enqueueEmail(t.db, {
      to: 'nokey@example.com',
      template: 'activation',
      locale: 'en',
      props: { activationUrl: EN_URL, expiresInHours: 48 },
    });
    vi.stubEnv('AUTH_SECRET', '');
    try {
      await expect(deliverPending(t.db, { transport: smtp })).rejects.toThrow(/AUTH_SECRET/);
    } finally {
      vi.stubEnv('AUTH_SECRET', 'test-secret-for-the-outbox-0123456789abcdef');
    }
    const [row] = await rows();
    expect(row?.status).toBe('pending');
    expect(row?.attempts).toBe(0);
  });

  it('lists the mailbox newest first, rendered while pending and without content once sent', async () => {
    const clock = fakeClock();
    const mail = {
      template: 'activation' as const,
      props: { activationUrl: FR_URL, expiresInHours: 48 },
    };
    await enqueueEmail(t.db, { ...mail, to: 'old@example.com', locale: 'fr' }, clock);
    clock.advance(1_000);
    await enqueueEmail(t.db, { ...mail, to: 'new@example.com', locale: 'en' }, clock);
    await t.db
      .update(emailOutbox)
      .set({ status: 'sent', payload: null })
      .where(eq(emailOutbox.toAddress, 'old@example.com'));

    const [newest, oldest] = await listMailbox(t.db);

    expect(newest?.to).toBe('new@example.com');
    expect(newest?.subject).toBe('Activate your My ServiceOttawa account');
    expect(newest?.text).toContain(FR_URL);
    expect(newest?.html).toContain('lang="en"');
    expect(oldest?.to).toBe('old@example.com');
    expect(oldest?.subject).toBe('Activez votre compte Mon ServiceOttawa');
    expect(oldest?.html).toBeNull();
    expect(oldest?.text).toBeNull();
  });
});
