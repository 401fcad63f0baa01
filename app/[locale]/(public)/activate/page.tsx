import { oneTimeLinkPage } from '@/app/_components/one-time-link-page';
import { inspectActivationLink } from '@/lib/accounts/activate-account';
import { ActivateForm } from './activate-form';

/** The link in the activation email: the password form, or what happened to the link. */
const page = oneTimeLinkPage({
  namespace: 'ActivatePage',
  read: async (deps, token) => ({ state: await inspectActivationLink(deps, token) }),
  form: (token) => <ActivateForm token={token} />,
  formNamespaces: ['Fields'],
  next: { used: '/login', other: '/resend-activation' },
});

export const generateMetadata = page.generateMetadata;
export default page.Page;
