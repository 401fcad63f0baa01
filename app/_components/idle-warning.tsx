'use client';

import { useEffect, useRef, useState } from 'react';
import { logoutAction } from '@/app/[locale]/(signed-in)/logout-action';

/**
 * The idle-session warning (SES-02, WCAG 2.2.1): a modal dialog shown `warningSeconds` before the
 * idle timeout, with "Rester connecté" (moves the server's deadline) and "Se déconnecter". Focus
 * goes to "Rester connecté"; Escape counts as staying. When the time is up the session is ended
 * through the sign-out action, which opens the "you were signed out" page with this page to come
 * back to once signed in again (the server's checks make it a path of ours). Without JavaScript
 * there is no warning, but the server still ends the idle session.
 */
export function IdleWarning({
  idleSeconds,
  warningSeconds,
  texts,
}: {
  idleSeconds: number;
  warningSeconds: number;
  /** Rendered on the server (SessionIdleWarning): no message catalogue travels for them. */
  texts: { title: string; body: string; stay: string; signOut: string };
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const timeoutForm = useRef<HTMLFormElement>(null);
  // Each activity (page load, "Rester connecté") starts a new count, as the server does.
  const [activity, setActivity] = useState(0);

  useEffect(() => {
    const deadline = Date.now() + idleSeconds * 1000;
    const warn = setTimeout(
      () => {
        if (!dialog.current?.open) dialog.current?.showModal();
      },
      Math.max(deadline - warningSeconds * 1000 - Date.now(), 0),
    );
    const end = setTimeout(() => timeOut(timeoutForm.current), Math.max(deadline - Date.now(), 0));
    return () => {
      clearTimeout(warn);
      clearTimeout(end);
    };
  }, [activity, idleSeconds, warningSeconds]);

  async function stay() {
    const response = await fetch('/api/session/keepalive', {
      method: 'POST',
      credentials: 'same-origin',
    }).catch(() => null);
    if (response?.ok) {
      dialog.current?.close();
      setActivity((n) => n + 1);
    } else {
      timeOut(timeoutForm.current);
    }
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby="idle-warning-title"
      aria-describedby="idle-warning-body"
      onCancel={(event) => {
        event.preventDefault();
        void stay();
      }}
      className="m-auto max-w-md rounded border-4 border-ottawa-navy p-6 backdrop:bg-black/60"
    >
      <h2 id="idle-warning-title" className="mb-3 text-2xl font-bold text-ottawa-navy">
        {texts.title}
      </h2>
      <p id="idle-warning-body" className="mb-6">
        {texts.body}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <button type="button" className="btn-primary" autoFocus onClick={() => void stay()}>
          {texts.stay}
        </button>
        <form action={logoutAction}>
          <button type="submit" className="btn-secondary">
            {texts.signOut}
          </button>
        </form>
      </div>
      <form ref={timeoutForm} action={logoutAction} hidden>
        <input type="hidden" name="reason" value="timeout" />
        <input type="hidden" name="callbackUrl" />
      </form>
    </dialog>
  );
}

/** Ends the idle session, with the page the person is on to come back to after signing in. */
function timeOut(form: HTMLFormElement | null) {
  if (!form) return;
  const returnTo = form.elements.namedItem('callbackUrl') as HTMLInputElement;
  returnTo.value = location.pathname + location.search;
  form.requestSubmit();
}
