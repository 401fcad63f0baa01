import type { ComponentProps, FunctionComponent } from 'react';
import AccountExistsEmail from '@/emails/account-exists';
import ActivationEmail from '@/emails/activation';
import ApplicationAcceptedEmail from '@/emails/application-accepted';
import ApplicationApprovedEmail from '@/emails/application-approved';
import ApplicationRefusedEmail from '@/emails/application-refused';
import ApplicationStartedEmail from '@/emails/application-started';
import ApplicationSubmittedEmail from '@/emails/application-submitted';
import ChargeDueEmail from '@/emails/charge-due';
import ClientRecordLinkedEmail from '@/emails/client-record-linked';
import DraftReminderEmail from '@/emails/draft-reminder';
import EmailChangeConfirmEmail from '@/emails/email-change-confirm';
import EmailChangeNoticeEmail from '@/emails/email-change-notice';
import InformationRequiredEmail from '@/emails/information-required';
import InspectionResultEmail from '@/emails/inspection-result';
import InspectionScheduledEmail from '@/emails/inspection-scheduled';
import PasswordChangedEmail from '@/emails/password-changed';
import PasswordResetEmail from '@/emails/password-reset';
import PaymentReceiptEmail from '@/emails/payment-receipt';
import PermitIssuedEmail from '@/emails/permit-issued';
import ResetNoAccountEmail from '@/emails/reset-no-account';
import WithdrawalConfirmedEmail from '@/emails/withdrawal-confirmed';
import type { EmailMessageKey } from '@/emails/components/messages';

/**
 * Every email the portal sends. To add one: write emails/<purpose>.tsx (default export, with
 * PreviewProps), add its texts to both emails/messages files, then add a line here.
 */
export const templates = {
  activation: { component: ActivationEmail, subjectKey: 'Activation.subject' },
  'account-exists': { component: AccountExistsEmail, subjectKey: 'AccountExists.subject' },
  'client-record-linked': {
    component: ClientRecordLinkedEmail,
    subjectKey: 'ClientRecordLinked.subject',
  },
  'password-reset': { component: PasswordResetEmail, subjectKey: 'PasswordReset.subject' },
  'reset-no-account': { component: ResetNoAccountEmail, subjectKey: 'ResetNoAccount.subject' },
  'password-changed': { component: PasswordChangedEmail, subjectKey: 'PasswordChanged.subject' },
  'email-change-confirm': {
    component: EmailChangeConfirmEmail,
    subjectKey: 'EmailChangeConfirm.subject',
  },
  'email-change-notice': {
    component: EmailChangeNoticeEmail,
    subjectKey: 'EmailChangeNotice.subject',
  },
  'application-started': {
    component: ApplicationStartedEmail,
    subjectKey: 'ApplicationStarted.subject',
  },
  'application-submitted': {
    component: ApplicationSubmittedEmail,
    subjectKey: 'ApplicationSubmitted.subject',
  },
  'draft-reminder': { component: DraftReminderEmail, subjectKey: 'DraftReminder.subject' },
  'payment-receipt': { component: PaymentReceiptEmail, subjectKey: 'PaymentReceipt.subject' },
  // Issue 19: the staff actions on an application.
  'information-required': {
    component: InformationRequiredEmail,
    subjectKey: 'InformationRequired.subject',
  },
  'application-accepted': {
    component: ApplicationAcceptedEmail,
    subjectKey: 'ApplicationAccepted.subject',
  },
  'application-approved': {
    component: ApplicationApprovedEmail,
    subjectKey: 'ApplicationApproved.subject',
  },
  'application-refused': {
    component: ApplicationRefusedEmail,
    subjectKey: 'ApplicationRefused.subject',
  },
  'withdrawal-confirmed': {
    component: WithdrawalConfirmedEmail,
    subjectKey: 'WithdrawalConfirmed.subject',
  },
  'permit-issued': { component: PermitIssuedEmail, subjectKey: 'PermitIssued.subject' },
  'charge-due': { component: ChargeDueEmail, subjectKey: 'ChargeDue.subject' },
  // Issue 20: the inspectors' moves. A passed final inspection's result closes the permit: the
  // same email, with its own subject.
  'inspection-scheduled': {
    component: InspectionScheduledEmail,
    subjectKey: 'InspectionScheduled.subject',
  },
  'inspection-result': { component: InspectionResultEmail, subjectKey: 'InspectionResult.subject' },
  'permit-closed': {
    component: InspectionResultEmail,
    subjectKey: 'InspectionResult.closedSubject',
  },
} satisfies Record<string, { component: FunctionComponent<never>; subjectKey: EmailMessageKey }>;

export type TemplateName = keyof typeof templates;

/** The props a caller passes for each template; the locale travels separately. */
export type TemplateProps = {
  [T in TemplateName]: Omit<ComponentProps<(typeof templates)[T]['component']>, 'locale'>;
};

export function isTemplateName(value: string): value is TemplateName {
  return Object.hasOwn(templates, value);
}
