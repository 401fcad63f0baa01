import { oneTimeLinkPage } from '@/app/_components/one-time-link-page';
import { inspectResetLink } from '@/lib/accounts/reset-password';
import { ResetPasswordForm } from './reset-form';

/** The link in the reset email: the new-password form, or what happened to the link. */
const page = oneTimeLinkPage({
  namespace: 'ResetPasswordPage',
  read: async (deps, token) => ({ state: await inspectResetLink(deps, token) }),
  form: (token) => <ResetPasswordForm token={token} />,
  formNamespaces: ['Fields'],
  next: { used: '/login', other: '/forgot-password' },
});

export const generateMetadata = page.generateMetadata;
export default page.Page;
