import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { emailMessage } from '@/emails/components/messages';
import { emailOutbox } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import type { Locale } from '@/lib/i18n/routing';
import { assertPayloadKey, decryptPayload, encryptPayload } from './payload-crypto';
import { assertSafeAddress, renderEmail, type RenderedEmail } from './render';
import { isTemplateName, templates, type TemplateName, type TemplateProps } from './templates';
import { mailFrom } from './transport';

/** What the outbox needs from a mailer; a nodemailer transport fits as is. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    html: string;
    text: string;
  }): Promise<unknown>;
}

export interface OutboxMail<T extends TemplateName> {
  to: string;
  template: T;
  locale: Locale;
  props: TemplateProps[T];
}

export interface DeliveryCounts {
  sent: number;
  failed: number;
  retried: number;
}

export const MAX_ATTEMPTS = 8;
/** A claimed row is hidden from other drainers this long; a crashed drainer's rows come back. */
export const CLAIM_LEASE_MS = 10 * 60_000;

/** 1 min, 2, 4, … after the 1st, 2nd, 3rd failure, capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(attempts - 1, 0), 60 * 60_000);
}

/** The payload is bound to its row and recipient: moved elsewhere, it no longer decrypts. */
const payloadContext = (id: string, to: string) => `${id}\n${to}`;

/**
 * Queues one email. Pass the transaction that makes the change the email reports, so that the
 * email exists if and only if the change was committed. Nothing is sent here: call
 * deliverOutboxSoon() after the commit.
 */
export async function enqueueEmail<T extends TemplateName>(
  db: Db,
  mail: OutboxMail<T>,
  opts: { now?: () => Date } = {},
): Promise<void> {
  assertSafeAddress(mail.to);
  if (!isTemplateName(mail.template)) throw new Error(`Unknown email template ${mail.template}`);
  const id = randomUUID();
  const now = (opts.now ?? (() => new Date()))();
  await db.insert(emailOutbox).values({
    id,
    toAddress: mail.to,
    template: mail.template,
    locale: mail.locale,
    payload: encryptPayload(mail.props, payloadContext(id, mail.to)),
    nextAttemptAt: now,
    createdAt: now,
  });
}

type OutboxRow = typeof emailOutbox.$inferSelect;

/**
 * Claims due rows in one statement: the lease (next_attempt_at moved forward) hides them from
 * other drainers, and SKIP LOCKED lets a concurrent claim pass over rows being claimed instead of
 * waiting and taking them too. Portable to Postgres 15+, Neon and PGlite.
 */
async function claimDue(db: Db, now: Date, limit: number): Promise<OutboxRow[]> {
  const isDue = and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, now));
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(isDue)
    .orderBy(emailOutbox.nextAttemptAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(emailOutbox)
    .set({
      attempts: sql`${emailOutbox.attempts} + 1`,
      nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS),
    })
    .where(and(inArray(emailOutbox.id, due), isDue))
    .returning();
}

async function renderRow(row: OutboxRow): Promise<RenderedEmail> {
  if (!isTemplateName(row.template)) throw new Error(`Unknown email template ${row.template}`);
  if (row.payload === null) throw new Error('Outbox row has no payload');
  const props = decryptPayload(row.payload, payloadContext(row.id, row.toAddress));
  return renderEmail(row.template, row.locale, props as TemplateProps[TemplateName]);
}

/** The message only: never the payload, which may hold a one-time link. */
function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

/**
 * Sends due emails once each. A failed send is retried with exponential backoff, and the row is
 * marked 'failed' after MAX_ATTEMPTS. A row that cannot be rendered (unknown template, payload
 * that no longer decrypts) fails at once: retrying would not help.
 */
export async function deliverPending(
  db: Db,
  opts: { transport: MailTransport; now?: () => Date; limit?: number; from?: string },
): Promise<DeliveryCounts> {
  const now = opts.now ?? (() => new Date());
  const from = opts.from ?? mailFrom();
  const counts: DeliveryCounts = { sent: 0, failed: 0, retried: 0 };
  // A missing AUTH_SECRET is a configuration error: stop before it fails every row.
  assertPayloadKey();

  for (const row of await claimDue(db, now(), opts.limit ?? 20)) {
    // Only the drainer holding this claim may settle the row.
    const settle = (values: Partial<OutboxRow>) =>
      db
        .update(emailOutbox)
        .set(values)
        .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.attempts, row.attempts)));

    let message: RenderedEmail;
    try {
      assertSafeAddress(row.toAddress);
      message = await renderRow(row);
    } catch (error) {
      await settle({ status: 'failed', lastError: errorMessage(error) });
      counts.failed++;
      continue;
    }

    try {
      await opts.transport.sendMail({ from, to: row.toAddress, ...message });
    } catch (error) {
      if (row.attempts >= MAX_ATTEMPTS) {
        await settle({ status: 'failed', lastError: errorMessage(error) });
        counts.failed++;
      } else {
        const retryAt = new Date(now().getTime() + retryDelayMs(row.attempts));
        await settle({ lastError: errorMessage(error), nextAttemptAt: retryAt });
        counts.retried++;
      }
      continue;
    }

    await settle({ status: 'sent', sentAt: now(), payload: null, lastError: null });
    counts.sent++;
  }
  return counts;
}

/**
 * How long a settled mail is kept: 30 days. A sent row has had its payload erased already; what
 * is left (address, template, times) lets an operator answer "was it sent?". A failed row still
 * holds its encrypted payload, whose links have long expired.
 */
export const OUTBOX_RETENTION_MS = 30 * 24 * 60 * 60_000;

/**
 * Housekeeping (the scheduled jobs): deletes sent mail OUTBOX_RETENTION_MS after it was sent and
 * failed mail as long after it was queued. Pending mail is never touched. Returns how many rows
 * went.
 */
export async function pruneOutbox(deps: Pick<Deps, 'db' | 'now'>): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - OUTBOX_RETENTION_MS);
  const deleted = await deps.db
    .delete(emailOutbox)
    .where(
      or(
        and(eq(emailOutbox.status, 'sent'), lt(emailOutbox.sentAt, cutoff)),
        and(eq(emailOutbox.status, 'failed'), lt(emailOutbox.createdAt, cutoff)),
      ),
    )
    .returning({ id: emailOutbox.id });
  return deleted.length;
}

export interface MailboxEntry {
  id: string;
  to: string;
  template: string;
  locale: Locale;
  status: OutboxRow['status'];
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  subject: string;
  /** Null once delivered (the payload is erased) or when it cannot be rendered. */
  html: string | null;
  text: string | null;
  renderError: string | null;
}

/** The outbox, newest first, rendered for the development mailbox (/dev/mailbox). */
export async function listMailbox(db: Db, limit = 50): Promise<MailboxEntry[]> {
  const rows = await db
    .select()
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(limit);
  return Promise.all(
    rows.map(async (row): Promise<MailboxEntry> => {
      const base = {
        id: row.id,
        to: row.toAddress,
        template: row.template,
        locale: row.locale,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        createdAt: row.createdAt,
        sentAt: row.sentAt,
        subject: isTemplateName(row.template)
          ? emailMessage(row.locale, templates[row.template].subjectKey)
          : row.template,
      };
      if (row.payload === null) return { ...base, html: null, text: null, renderError: null };
      try {
        const { html, text } = await renderRow(row);
        return { ...base, html, text, renderError: null };
      } catch (error) {
        return { ...base, html: null, text: null, renderError: errorMessage(error) };
      }
    }),
  );
}
