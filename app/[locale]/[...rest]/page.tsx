import { NotFoundContent } from '@/app/_components/not-found-content';

/**
 * Any unknown path under a locale: the localized "page not found" page, rendered as a page
 * rather than through `notFound()`, whose server HTML in Next.js 16 is an empty error shell
 * that only JavaScript fills in. Middleware gives it the 404 status (middleware.ts), and the
 * locale layout its title.
 */
export default function CatchAll() {
  return <NotFoundContent />;
}
