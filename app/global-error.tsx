'use client';

/* eslint-disable @next/next/no-html-link-for-pages -- the app failed: a full page load is the point */
import text from '@/messages/global-error.json';

/**
 * Last resort when even the layout fails: no details, both languages (ERR-01). Its words are in
 * messages/global-error.json, a file of their own so this page, loaded on every page, stays
 * small (the full message files would add 10 kB of JavaScript).
 */
export default function GlobalError() {
  return (
    <html lang="fr">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
        <main id="main">
          <h1>{text.fr.title}</h1>
          <p>
            {text.fr.body} <a href="/fr">{text.fr.home}</a>
          </p>
          <h2 lang="en">{text.en.title}</h2>
          <p lang="en">
            {text.en.body} <a href="/en">{text.en.home}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
