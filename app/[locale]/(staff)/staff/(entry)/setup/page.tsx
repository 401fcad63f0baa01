import { oneTimeLinkPage } from '@/app/_components/one-time-link-page';
import { inspectStaffSetupLink } from '@/lib/staff/set-up-staff-account';
import { StaffSetupForm } from './setup-form';

/** The set-up link a new (or re-enrolled) staff member is given: the password form first. */
const page = oneTimeLinkPage({
  namespace: 'StaffSetupPage',
  read: async (deps, token) => ({ state: await inspectStaffSetupLink(deps, token) }),
  form: (token) => <StaffSetupForm token={token} />,
  formNamespaces: ['Fields'],
  next: { used: '/staff/login', other: '/staff/login' },
});

export const generateMetadata = page.generateMetadata;
export default page.Page;
