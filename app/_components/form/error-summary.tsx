'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';

export interface SummaryItem {
  /** The id of the input the item links to. */
  fieldId: string;
  message: string;
}

/**
 * GOV.UK-style error summary at the top of <main>: focused when it appears, each item a link to
 * its field, same words as the inline messages; "Erreur : " / "Error: " before the page title.
 */
export function ErrorSummary({
  items,
  formError,
  pageTitle,
}: {
  items: SummaryItem[];
  formError?: string;
  /** The page's own title (as in its metadata), to repeat after "Erreur : ". */
  pageTitle: string;
}) {
  const t = useTranslations('ErrorSummary');
  const meta = useTranslations('Metadata');
  const ref = useRef<HTMLDivElement>(null);
  const visible = items.length > 0 || Boolean(formError);
  const signature = JSON.stringify([items, formError]);

  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [visible, signature]);

  if (!visible) return null;
  return (
    <>
      {/* React puts this <title> in the head, ahead of the metadata one: with or without JS. */}
      <title>{t('titlePrefix') + meta('titleTemplate', { title: pageTitle })}</title>
      <div
        ref={ref}
        tabIndex={-1}
        role="alert"
        aria-labelledby="error-summary-title"
        className="mb-6 border-4 border-error p-4"
      >
        <h2 id="error-summary-title" className="mb-2 text-xl font-bold">
          {t('title')}
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          {formError ? <li className="font-semibold text-error">{formError}</li> : null}
          {items.map((item, index) => (
            <li key={`${item.fieldId}-${index}`}>
              <a
                href={`#${item.fieldId}`}
                className="block font-semibold text-error"
                onClick={(event) => {
                  // Move focus into the field itself, with its label in view (not just scroll).
                  const field = document.getElementById(item.fieldId);
                  if (!field) return;
                  event.preventDefault();
                  field.focus();
                  document.querySelector(`label[for="${item.fieldId}"]`)?.scrollIntoView();
                }}
              >
                {item.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
