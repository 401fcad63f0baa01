/* eslint-disable @next/next/no-html-link-for-pages -- plain links: no client router code here */
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';

/**
 * Paths outside the locales reach here only when middleware did not redirect them (for example
 * /dev in production). Both languages, since no locale is known.
 */
export default function GlobalNotFound() {
  return (
    <html lang="fr">
      <body className="p-8">
        <main id="main">
          <h1 className="page-title">{fr.NotFoundPage.title}</h1>
          <p className="mb-4">
            {fr.NotFoundPage.body} <a href="/fr">{fr.NotFoundPage.home}</a>
          </p>
          <h2 lang="en" className="mb-2 text-xl font-bold">
            {en.NotFoundPage.title}
          </h2>
          <p lang="en">
            {en.NotFoundPage.body} <a href="/en">{en.NotFoundPage.home}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
