import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { listMailbox, type MailboxEntry } from '@/lib/email/outbox';

// A developer tool that never exists in production, hence plain English constants.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Mailbox – developer tools' };

const URL_PATTERN = /(https?:\/\/[^\s<>"\]]+)/g;

/** Plain text with its http(s) addresses made clickable. */
function LinkedText({ text }: { text: string }) {
  return text.split(URL_PATTERN).map((part, index) =>
    // split() with a capture group puts the matches at odd indexes.
    index % 2 === 1 ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

function Message({ entry }: { entry: MailboxEntry }) {
  const headingId = `mail-${entry.id}`;
  return (
    <article
      aria-labelledby={headingId}
      style={{ borderTop: '1px solid #767676', padding: '16px 0' }}
    >
      <h2 id={headingId} style={{ fontSize: '1.25rem' }}>
        {entry.subject}
      </h2>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px' }}>
        <dt>To</dt>
        <dd style={{ margin: 0 }}>{entry.to}</dd>
        <dt>Template</dt>
        <dd style={{ margin: 0 }}>
          {entry.template} ({entry.locale})
        </dd>
        <dt>Status</dt>
        <dd style={{ margin: 0 }}>
          {entry.status}, {entry.attempts} attempt(s)
          {entry.lastError ? ` – last error: ${entry.lastError}` : ''}
        </dd>
        <dt>Queued</dt>
        <dd style={{ margin: 0 }}>
          <time dateTime={entry.createdAt.toISOString()}>{entry.createdAt.toISOString()}</time>
        </dd>
        {entry.sentAt ? (
          <>
            <dt>Sent</dt>
            <dd style={{ margin: 0 }}>
              <time dateTime={entry.sentAt.toISOString()}>{entry.sentAt.toISOString()}</time>
            </dd>
          </>
        ) : null}
      </dl>
      {entry.renderError ? <p role="note">Cannot show this mail: {entry.renderError}</p> : null}
      {entry.text === null && !entry.renderError ? (
        <p>The content was erased after delivery.</p>
      ) : null}
      {entry.text !== null ? (
        <>
          <h3 style={{ fontSize: '1rem' }}>Plain text</h3>
          <pre style={{ whiteSpace: 'pre-wrap', background: '#f2f2f2', padding: '12px' }}>
            <LinkedText text={entry.text} />
          </pre>
        </>
      ) : null}
      {entry.html !== null ? (
        <>
          <h3 style={{ fontSize: '1rem' }}>HTML</h3>
          {/* No scripts, forms or same-origin access; links may open in a new tab. */}
          <iframe
            title={`HTML version of “${entry.subject}” to ${entry.to}`}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={entry.html}
            style={{ width: '100%', height: '600px', border: '1px solid #767676' }}
          />
        </>
      ) : null}
    </article>
  );
}

export default async function MailboxPage() {
  if (process.env.NODE_ENV === 'production') notFound();
  const entries = await listMailbox(await getDb());
  return (
    <main style={{ maxWidth: '960px', margin: '0 auto', padding: '16px' }}>
      <h1>Development mailbox</h1>
      <p>
        Mail queued in the outbox, newest first. Set SMTP_URL to deliver it through SMTP; without
        it, mail stays here.
      </p>
      {entries.length === 0 ? <p>No mail yet.</p> : null}
      {entries.map((entry) => (
        <Message key={entry.id} entry={entry} />
      ))}
    </main>
  );
}
