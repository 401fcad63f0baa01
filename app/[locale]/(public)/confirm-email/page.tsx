import { oneTimeLinkPage } from '@/app/_components/one-time-link-page';
import { readEmailChangeLink } from '@/lib/accounts/confirm-email-change';
import { ConfirmEmailForm } from './confirm-form';

/**
 * The link in the "confirm your new address" email: the new address above a "Confirmer"
 * button, or what happened to the link.
 */
const page = oneTimeLinkPage({
  namespace: 'ConfirmEmailPage',
  read: readEmailChangeLink,
  form: (token, link) => <ConfirmEmailForm token={token} newEmail={link.newEmail ?? ''} />,
  next: { used: '/settings', other: '/settings/email' },
});

export const generateMetadata = page.generateMetadata;
export default page.Page;
