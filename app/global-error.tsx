'use client';

/* eslint-disable @next/next/no-html-link-for-pages -- the app failed: a full page load is the point */
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';

/** Last resort when even the layout fails: no details, both languages (ERR-01). */
export default function GlobalError() {
  return (
    <html lang="fr">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
        <main id="main">
          <h1>{fr.ErrorPage.title}</h1>
          <p>
            {fr.ErrorPage.body} <a href="/fr">{fr.ErrorPage.home}</a>
          </p>
          <h2 lang="en">{en.ErrorPage.title}</h2>
          <p lang="en">
            {en.ErrorPage.body} <a href="/en">{en.ErrorPage.home}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
