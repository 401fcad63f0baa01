import { describe, expect, it } from 'vitest';
import en from '@/emails/messages/en.json';
import fr from '@/emails/messages/fr.json';
import { emailTranslator } from '@/emails/components/messages';
import { assertSafeAddress, renderEmail } from '@/lib/email/render';
import { templates, type TemplateName, type TemplateProps } from '@/lib/email/templates';

const messages = { fr, en };

/** Sample props per template, and the link each must carry with its visible text key. */
const cases: {
  [T in TemplateName]: {
    props: TemplateProps[T];
    links: [url: string, label: (m: typeof fr) => string][];
  };
} = {
  activation: {
    props: {
      activationUrl: 'https://p.example/fr/activer?token=abcDEF123_-xyz',
      expiresInHours: 48,
      forgotPasswordUrl: 'https://p.example/fr/mot-de-passe-oublie',
    },
    links: [
      ['https://p.example/fr/activer?token=abcDEF123_-xyz', (m) => m.Activation.button],
      ['https://p.example/fr/mot-de-passe-oublie', (m) => m.Activation.forgotPassword],
    ],
  },
  'account-exists': {
    props: {
      loginUrl: 'https://p.example/en/login',
      forgotPasswordUrl: 'https://p.example/en/forgot-password',
    },
    links: [
      ['https://p.example/en/login', (m) => m.AccountExists.login],
      ['https://p.example/en/forgot-password', (m) => m.AccountExists.forgotPassword],
    ],
  },
  'application-started': {
    props: {
      reference: 'CON-2026-000001',
      typeKey: 'constructionPermit',
      resumeUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
        (m) => m.ApplicationStarted.button,
      ],
    ],
  },
  'application-submitted': {
    props: {
      reference: 'CON-2026-000001',
      typeKey: 'constructionPermit',
      status: 'payment_required',
      feeCents: 268750,
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
        (m) => m.ApplicationSubmitted.button,
      ],
    ],
  },
  'permit-issued': {
    props: {
      reference: 'CON-2026-000001',
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
        (m) => m.PermitIssued.button,
      ],
    ],
  },
  'inspection-scheduled': {
    props: {
      reference: 'CON-2026-000001',
      inspectionType: 'framing',
      day: '2026-12-08',
      windowStart: '08:30',
      windowEnd: '10:00',
      contactName: 'Marie Tremblay',
      contactPhone: '613-580-2424',
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
        (m) => m.InspectionScheduled.button,
      ],
    ],
  },
  'inspection-result': {
    props: {
      reference: 'CON-2026-000001',
      inspectionType: 'framing',
      day: '2026-12-08',
      result: 'failed',
      toFix: 'Ancrer la lisse basse.',
      permitClosed: false,
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
        (m) => m.InspectionResult.button,
      ],
    ],
  },
  'permit-closed': {
    props: {
      reference: 'CON-2026-000001',
      inspectionType: 'final',
      day: '2026-12-08',
      result: 'passed',
      toFix: null,
      permitClosed: true,
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
        (m) => m.InspectionResult.button,
      ],
    ],
  },
  'charge-due': {
    props: {
      reference: 'CON-2026-000001',
      amountCents: 150000,
      descriptions: ['Redevances d’aménagement'],
      applicationUrl: 'https://p.example/en/building-code-services/applications/CON-2026-000001',
    },
    links: [
      [
        'https://p.example/en/building-code-services/applications/CON-2026-000001',
        (m) => m.ChargeDue.button,
      ],
    ],
  },
  'information-required': {
    props: {
      reference: 'CON-2026-000001',
      items: [{ kind: 'missing_document', message: 'Le plan d’implantation.' }],
      message: 'Merci.',
      dueOn: '2026-12-18',
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
        (m) => m.InformationRequired.button,
      ],
    ],
  },
  'application-accepted': {
    props: {
      reference: 'CON-2026-000001',
      typeKey: 'constructionPermit',
      decisionDueOn: '2026-12-11',
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
        (m) => m.ApplicationAccepted.button,
      ],
    ],
  },
  'application-approved': {
    props: {
      reference: 'CON-2026-000001',
      typeKey: 'constructionPermit',
      conditions: 'Garde-corps de 1,07 m.',
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
        (m) => m.ApplicationApproved.button,
      ],
    ],
  },
  'application-refused': {
    props: {
      reference: 'CON-2026-000001',
      typeKey: 'constructionPermit',
      reasons: 'Marge de recul insuffisante.',
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
        (m) => m.ApplicationRefused.button,
      ],
    ],
  },
  'withdrawal-confirmed': {
    props: {
      reference: 'CON-2026-000001',
      typeKey: 'constructionPermit',
      refundCents: 268750,
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
        (m) => m.WithdrawalConfirmed.button,
      ],
    ],
  },
  'payment-receipt': {
    props: {
      reference: 'CON-2026-000001',
      lines: [{ labelKey: 'constructionPermit.byValue', amountCents: 268750 }],
      totalCents: 268750,
      paidAt: '2026-12-03T15:00:00.000Z',
      providerReference: 'pi_3Q0abc',
      receiptUrl:
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001/recu/1',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001/recu/1',
        (m) => m.PaymentReceipt.button,
      ],
    ],
  },
  'draft-reminder': {
    props: {
      reference: 'RCO-2026-000042',
      deletesOn: '2027-01-31T12:00:00.000Z',
      resumeUrl: 'https://p.example/en/building-code-services/applications/RCO-2026-000042',
    },
    links: [
      [
        'https://p.example/en/building-code-services/applications/RCO-2026-000042',
        (m) => m.DraftReminder.button,
      ],
    ],
  },
  'client-record-linked': {
    props: {
      clientNumber: '12345678',
      profileUrl: 'https://p.example/fr/services-du-code-du-batiment/profil',
    },
    links: [
      [
        'https://p.example/fr/services-du-code-du-batiment/profil',
        (m) => m.ClientRecordLinked.button,
      ],
    ],
  },
  'password-reset': {
    props: {
      resetUrl: 'https://p.example/fr/reinitialiser-le-mot-de-passe?token=abcDEF123_-xyz',
      expiresInMinutes: 15,
    },
    links: [
      [
        'https://p.example/fr/reinitialiser-le-mot-de-passe?token=abcDEF123_-xyz',
        (m) => m.PasswordReset.button,
      ],
    ],
  },
  'reset-no-account': {
    props: {
      createAccountUrl: 'https://p.example/en/create-account',
      forgotPasswordUrl: 'https://p.example/en/forgot-password',
    },
    links: [
      ['https://p.example/en/create-account', (m) => m.ResetNoAccount.create],
      ['https://p.example/en/forgot-password', (m) => m.ResetNoAccount.tryAgain],
    ],
  },
  'password-changed': {
    props: {
      loginUrl: 'https://p.example/fr/connexion',
      forgotPasswordUrl: 'https://p.example/fr/mot-de-passe-oublie',
    },
    links: [
      ['https://p.example/fr/connexion', (m) => m.PasswordChanged.login],
      ['https://p.example/fr/mot-de-passe-oublie', (m) => m.PasswordChanged.reset],
    ],
  },
  'email-change-confirm': {
    props: {
      confirmUrl: 'https://p.example/fr/confirmer-le-courriel?token=abcDEF123_-xyz',
      expiresInHours: 48,
    },
    links: [
      [
        'https://p.example/fr/confirmer-le-courriel?token=abcDEF123_-xyz',
        (m) => m.EmailChangeConfirm.button,
      ],
    ],
  },
  'email-change-notice': {
    props: {
      newEmailMasked: 'j•••@example.ca',
      expiresInHours: 48,
      forgotPasswordUrl: 'https://p.example/en/forgot-password',
    },
    links: [['https://p.example/en/forgot-password', (m) => m.EmailChangeNotice.reset]],
  },
};

describe('renderEmail', () => {
  it('has a test case for every template', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(templates).sort());
  });

  it('an inspection result says what to fix and "Action requise" when failed; a passed final says the permit is closed', async () => {
    const base = {
      reference: 'CON-2026-000001',
      inspectionType: 'final',
      day: '2026-12-08',
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    };
    const failed = await renderEmail('inspection-result', 'fr', {
      ...base,
      result: 'failed',
      toFix: 'Poser la main courante.',
      permitClosed: false,
    });
    expect(failed.text).toContain('Non conforme');
    expect(failed.text).toContain('Poser la main courante.');
    expect(failed.text).toContain('Action requise\u00a0: une fois les corrections faites');
    const closed = await renderEmail('permit-closed', 'en', {
      ...base,
      result: 'passed',
      toFix: null,
      permitClosed: true,
    });
    expect(closed.subject).toBe(messages.en.InspectionResult.closedSubject);
    expect(closed.text).toContain('Passed');
    expect(closed.html).toContain(messages.en.InspectionResult.closedHeading);
    expect(closed.text).not.toContain('Action required');
    const scheduled = await renderEmail('inspection-scheduled', 'fr', {
      ...base,
      windowStart: '08:30',
      windowEnd: '10:00',
      contactName: 'Marie Tremblay',
      contactPhone: '613-580-2424',
    });
    expect(scheduled.text.replace(/\s/g, ' ')).toContain('entre 8 h 30 et 10 h');
    expect(scheduled.text).toContain('Marie Tremblay');
  });

  it('a charge due names its amount, what it is for, in the resident’s language', async () => {
    const props = {
      reference: 'CON-2026-000001',
      amountCents: 150000,
      descriptions: ['Redevances d’aménagement'],
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    };
    const fr = await renderEmail('charge-due', 'fr', props);
    expect(fr.subject).toBe(messages.fr.ChargeDue.subject);
    expect(fr.text.replace(/\s/g, ' ')).toContain('1 500,00 $');
    expect(fr.text).toContain('Redevances d’aménagement');
    const en = await renderEmail('charge-due', 'en', props);
    expect(en.subject).toBe(messages.en.ChargeDue.subject);
    expect(en.text).toContain('$1,500.00');
  });

  it('the information-required and charge-due emails say "Action requise" / "Action required": what to do and by when', async () => {
    const request = {
      reference: 'CON-2026-000001',
      items: [{ kind: 'missing_document' as const, message: 'Le plan d’implantation.' }],
      message: 'Merci.',
      dueOn: '2026-12-18',
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    };
    const charge = {
      reference: 'CON-2026-000001',
      amountCents: 150000,
      descriptions: ['Redevances d’aménagement'],
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    };
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    const frRequest = await renderEmail('information-required', 'fr', request);
    expect(flat(frRequest.text)).toContain(
      'Action requise : répondez à la demande de la Ville au plus tard le 18 décembre 2026, depuis la page de la demande (« Envoyer la réponse »).',
    );
    expect(frRequest.html).toContain('<strong>Action requise');
    const enRequest = await renderEmail('information-required', 'en', request);
    expect(flat(enRequest.text)).toContain(
      'Action required: answer the City’s request by December 18, 2026, from the application’s page (“Send response”).',
    );
    expect(enRequest.html).toContain('<strong>Action required:</strong>');
    const frCharge = await renderEmail('charge-due', 'fr', charge);
    expect(flat(frCharge.text)).toContain(
      'Action requise : payez ces frais depuis la page de la demande (« Payer »).',
    );
    const enCharge = await renderEmail('charge-due', 'en', charge);
    expect(flat(enCharge.text)).toContain(
      'Action required: pay this charge from the application’s page (“Pay”).',
    );
  });

  for (const template of Object.keys(cases) as TemplateName[]) {
    for (const locale of ['fr', 'en'] as const) {
      it(`renders ${template} in ${locale} with its subject, links and lang`, async () => {
        const { props, links } = cases[template];
        const mail = await renderEmail(template, locale, props as never);
        const m = messages[locale];

        const subjectKey = templates[template].subjectKey.split('.') as [keyof typeof fr, string];
        expect(mail.subject).toBe((m[subjectKey[0]] as Record<string, string>)[subjectKey[1]]);
        expect(mail.html).toContain(`lang="${locale}"`);
        expect(mail.html).toContain(`<title>${mail.subject}</title>`);
        expect(mail.html).toContain(m.Layout.brand);
        expect(mail.text).toContain(m.Layout.brand);
        expect(mail.text).toContain(m.Layout.automated);
        for (const [url, label] of links) {
          expect(mail.html).toContain(`href="${url}"`);
          expect(mail.text).toContain(`${label(m)} ${url}`);
        }
        expect(mail.text).not.toMatch(/[<>]/);
      });
    }
  }

  it('writes the fee left to pay in each language’s way, or what comes next when none is due', async () => {
    const base = {
      reference: 'CON-2026-000001',
      typeKey: 'constructionPermit',
      applicationUrl: 'https://p.example/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
    };
    const fr = await renderEmail('application-submitted', 'fr', {
      ...base,
      status: 'payment_required',
      feeCents: 268_750,
    });
    expect(fr.text.replace(/\s/g, ' ')).toContain('2 687,50 $');
    expect(fr.text).toContain('CON-2026-000001');
    const en = await renderEmail('application-submitted', 'en', {
      ...base,
      status: 'payment_required',
      feeCents: 268_750,
    });
    expect(en.text).toContain('$2,687.50');
    const noFee = await renderEmail('application-submitted', 'en', {
      ...base,
      status: 'submitted',
      feeCents: 0,
    });
    expect(noFee.text).toContain(messages.en.ApplicationSubmitted.next);
    expect(noFee.text).not.toContain('$');
  });

  it('a receipt lists each line, the total, the date and the provider’s reference, in the resident’s language', async () => {
    const props = {
      reference: 'CON-2026-000001',
      lines: [{ labelKey: 'constructionPermit.byValue', amountCents: 268_750 }],
      totalCents: 268_750,
      paidAt: '2026-12-03T15:00:00.000Z',
      providerReference: 'pi_3Q0abc',
      receiptUrl: 'https://p.example/fr/x',
    };
    const fr = await renderEmail('payment-receipt', 'fr', props);
    const frText = fr.text.replace(/\s/g, ' ');
    expect(frText).toContain(messages.fr.FeeLines.constructionPermit.byValue.replace(/\s/g, ' '));
    expect(frText).toContain('Total payé : 2 687,50 $');
    expect(frText).toContain('3 décembre 2026');
    expect(frText).toContain('pi_3Q0abc');
    const en = await renderEmail('payment-receipt', 'en', props);
    expect(en.text).toContain('Total paid: $2,687.50');
    expect(en.text).toContain('December 3, 2026');
  });

  it('states the validity period and single use of the activation link', async () => {
    const fr48 = await renderEmail('activation', 'fr', {
      activationUrl: 'https://p.example/fr/activer?token=t',
      expiresInHours: 48,
    });
    expect(fr48.text).toContain(
      'Ce lien est valide pendant 48 heures et ne peut être utilisé qu’une seule fois.',
    );
    const en48 = await renderEmail('activation', 'en', {
      activationUrl: 'https://p.example/en/activate?token=t',
      expiresInHours: 48,
    });
    expect(en48.text).toContain('This link is valid for 48 hours and can be used only once.');
  });

  it('REG-01: an activation mail sent again for a pending address says the account did not change', async () => {
    const props = {
      activationUrl: 'https://p.example/fr/activer?token=t',
      expiresInHours: 48,
      forgotPasswordUrl: 'https://p.example/fr/mot-de-passe-oublie',
    };
    for (const locale of ['fr', 'en'] as const) {
      const first = await renderEmail('activation', locale, props);
      const again = await renderEmail('activation', locale, { ...props, repeated: true });
      const m = messages[locale].Activation;
      expect(first.text).toContain(m.intro);
      expect(first.text).not.toContain(m.repeated);
      expect(again.text).toContain(m.repeated);
      expect(again.text).toContain(`${m.forgotPasswordIntro} ${m.forgotPassword}`);
      expect(again.subject).toBe(first.subject);
    }
  });

  it('says "1 hour" and "1 minute" in the singular (ICU plurals through next-intl)', async () => {
    const fr1 = await renderEmail('email-change-notice', 'fr', {
      newEmailMasked: 'j•••@example.ca',
      expiresInHours: 1,
      forgotPasswordUrl: 'https://p.example/fr/mot-de-passe-oublie',
    });
    expect(fr1.text).toContain('dans la prochaine heure.');
    const en1 = await renderEmail('activation', 'en', {
      activationUrl: 'https://p.example/en/activate?token=t',
      expiresInHours: 1,
    });
    expect(en1.text).toContain('This link is valid for 1 hour and can be used only once.');
    const fr15 = await renderEmail('password-reset', 'fr', {
      resetUrl: 'https://p.example/fr/reinitialiser-le-mot-de-passe?token=t',
      expiresInMinutes: 1,
    });
    expect(fr15.text).toContain('Ce lien est valide pendant 1 minute et');
  });

  it('throws on a text whose value is missing rather than send "{hours}" to a resident', () => {
    const t = emailTranslator('fr', 'Activation') as unknown as (key: string) => string;
    expect(() => t('validity')).toThrow(/hours/);
    expect(() => t('noSuchKey')).toThrow(/noSuchKey/);
  });

  it('names the masked new address and the link lifetime in the email change notice', async () => {
    const fr48 = await renderEmail('email-change-notice', 'fr', {
      newEmailMasked: 'j•••@example.ca',
      expiresInHours: 48,
      forgotPasswordUrl: 'https://p.example/fr/mot-de-passe-oublie',
    });
    expect(fr48.text).toContain('par j•••@example.ca.');
    expect(fr48.text).toContain('dans les 48 prochaines heures');
    expect(fr48.text).toContain('composez le 3-1-1');
    const en48 = await renderEmail('email-change-confirm', 'en', {
      confirmUrl: 'https://p.example/en/confirm-email?token=t',
      expiresInHours: 48,
    });
    expect(en48.text).toContain('This link is valid for 48 hours and can be used only once.');
  });

  it('escapes markup that reaches a template through its props', async () => {
    const mail = await renderEmail('activation', 'en', {
      activationUrl: 'https://p.example/en/activate?token="><script>alert(1)</script>',
      expiresInHours: 48,
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });
});

describe('assertSafeAddress', () => {
  it('accepts an ordinary address', () => {
    expect(() => assertSafeAddress('jean.tremblay@example.ca')).not.toThrow();
  });

  it('refuses CR, LF and other control characters', () => {
    for (const address of ['a@b.c\r\nBcc: x@y', 'a@b.c\n', '\ra@b.c', 'a\u0000@b.c']) {
      expect(() => assertSafeAddress(address)).toThrow(/CR\/LF/);
    }
  });
});
