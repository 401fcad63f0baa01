import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from '@react-email/components';
import type { ReactNode } from 'react';
import type { Locale } from '@/lib/i18n/routing';
import { emailTranslator } from './messages';

// Email clients ignore stylesheets unevenly: inline styles only. Colours keep text contrast at
// WCAG AA or better (#1f1f1f on white ≈ 16:1, white on #004b87 ≈ 8.9:1, #3d3d3d on #f2f2f2 ≈ 9.7:1).
const colors = { text: '#1f1f1f', brand: '#004b87', muted: '#3d3d3d', band: '#f2f2f2' };
const font = 'Arial, Helvetica, sans-serif';

export const textStyle = { color: colors.text, fontSize: '16px', lineHeight: '24px' } as const;
export const linkStyle = { color: colors.brand, textDecoration: 'underline' } as const;
export const headingStyle = {
  color: colors.text,
  fontSize: '24px',
  lineHeight: '32px',
  margin: '0 0 16px',
} as const;

interface EmailLayoutProps {
  locale: Locale;
  /** The subject, repeated as the document title for screen readers. */
  title: string;
  /** The email's own heading, first in its body. */
  heading: string;
  /** Inbox preview line (hidden in the body). */
  preview: string;
  children: ReactNode;
}

export function EmailLayout({ locale, title, heading, preview, children }: EmailLayoutProps) {
  const t = emailTranslator(locale, 'Layout');
  return (
    <Html lang={locale} dir="ltr">
      <Head>
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body
        style={{ backgroundColor: colors.band, fontFamily: font, margin: 0, padding: '16px 0' }}
      >
        <Container style={{ backgroundColor: '#ffffff', maxWidth: '600px' }}>
          <Section style={{ backgroundColor: colors.brand, padding: '16px 24px' }}>
            <Text style={{ color: '#ffffff', fontSize: '20px', fontWeight: 'bold', margin: 0 }}>
              {t('brand')}
            </Text>
          </Section>
          <Section style={{ padding: '24px' }}>
            <Heading as="h1" style={headingStyle}>
              {heading}
            </Heading>
            {children}
          </Section>
          <Hr style={{ borderColor: '#d0d0d0', margin: 0 }} />
          <Section style={{ backgroundColor: colors.band, padding: '16px 24px' }}>
            <Text style={{ color: colors.muted, fontSize: '14px', lineHeight: '20px', margin: 0 }}>
              {t('automated')}
            </Text>
            <Text style={{ color: colors.muted, fontSize: '14px', lineHeight: '20px' }}>
              {t('city')}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export function EmailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '24px 0' }}>
      <Button
        href={href}
        style={{
          backgroundColor: colors.brand,
          borderRadius: '4px',
          color: '#ffffff',
          fontSize: '16px',
          fontWeight: 'bold',
          padding: '12px 24px',
          textDecoration: 'underline',
        }}
      >
        {children}
      </Button>
    </Section>
  );
}

/** The address written out in full, for clients that block buttons or for copying by hand. */
export function AddressLine({ label, href }: { label: string; href: string }) {
  return (
    <Text style={textStyle}>
      {label}
      <br />
      <Link href={href} style={{ ...linkStyle, wordBreak: 'break-all' }}>
        {href}
      </Link>
    </Text>
  );
}

/** A paragraph of an email's body. */
export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={textStyle}>{children}</Text>;
}
