import nodemailer from 'nodemailer';
import type { MailTransport } from './outbox';

export const DEFAULT_MAIL_FROM = 'Mon ServiceOttawa <no-reply@ottawa.ca>';

/** The From header, set by the operator (MAIL_FROM); never anything a person typed. */
export function mailFrom(): string {
  return process.env.MAIL_FROM || DEFAULT_MAIL_FROM;
}

// One transport per process and URL: it holds configuration only, no state between requests.
const cache = globalThis as typeof globalThis & {
  __monsoMailTransport?: { url: string; transport: MailTransport };
};

/** The SMTP transport from SMTP_URL, or null when unset (mail then waits in the outbox). */
export function getTransport(): MailTransport | null {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  if (cache.__monsoMailTransport?.url !== url) {
    const transport = nodemailer.createTransport({
      url,
      // nodemailer waits minutes by default; a drain runs after a response or in a cron
      // invocation with a time limit, so give up sooner and let the retry schedule take over.
      // Query parameters in SMTP_URL still override these.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    cache.__monsoMailTransport = { url, transport };
  }
  return cache.__monsoMailTransport.transport;
}
