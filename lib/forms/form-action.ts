import 'server-only';
import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import type { z } from 'zod';
import { requireUser, type CurrentUser } from '@/lib/auth/session';
import { runtimeDeps, type Deps } from '@/lib/deps';
import { isLocale, type Locale } from '@/lib/i18n/routing';
import { clientIp } from '@/lib/security/client-ip';
import { fieldErrorsFrom, textFields, type FormState } from './form-state';

/**
 * The one wrapper every server action is built with (after saas-starter's `validatedAction`):
 * the request's locale and client address, the same-origin refusal (CSRF-01), the fields read
 * from the form — only those the schema names (AUTHZ-04) —, the zod parse with its errors as
 * message keys, secrets dropped from the answers sent back, and whoever the action is for
 * (`load`: the signed-in user, a registration step…), loaded on the server before anything else.
 * An action is its schema plus what it does.
 */

export interface ActionContext {
  locale: Locale;
  ip: string;
  /** What the domain functions need: the database, the clock, the base of email links. */
  deps: Deps;
}

/** What a form action's body may answer instead of redirecting: message keys. */
export interface ActionError<F extends string> {
  formError?: string;
  fieldErrors?: Partial<Record<F, string>>;
  /** Values for the messages' placeholders. */
  messageValues?: Record<string, number>;
  /** Shown once in the answer (FormState.once). */
  once?: Record<string, string | string[]>;
}

/** A zod object, possibly refined or piped into a transform (the profile schema). */
type FormSchema = z.ZodType<unknown, Record<string, string>>;
type Fields<S extends FormSchema> = keyof z.input<S> & string;

interface FormActionConfig<S extends FormSchema, L> {
  /** The form's fields and every rule they must meet; a function when a rule needs `load`. */
  schema: S | ((loaded: L) => S);
  /** Fields never sent back to the browser (passwords). */
  secret?: readonly Fields<S>[];
  /** Who may act: redirects anyone who may not (sign-in, registration step…). */
  load?: (ctx: ActionContext, form: FormData) => Promise<L>;
  /** Called when the form is invalid; an error it answers replaces the field errors. */
  onInvalid?: (ctx: ActionContext) => Promise<ActionError<Fields<S>> | void>;
}

/** The signed-in person, or a redirect to the login page (the usual `load`). */
export const signedIn = ({ locale }: ActionContext): Promise<CurrentUser> => requireUser(locale);

export function formAction<S extends FormSchema, L = undefined>(
  config: FormActionConfig<S, L>,
  run: (
    data: z.output<S>,
    ctx: ActionContext & { loaded: L },
  ) => Promise<ActionError<Fields<S>> | void>,
): (previous: FormState<Fields<S>>, form: FormData) => Promise<FormState<Fields<S>>> {
  type F = Fields<S>;
  const staticFields = typeof config.schema === 'function' ? null : schemaFields<F>(config.schema);
  const answer = (fields: readonly F[] | null, form: FormData) => {
    const shown = (fields ?? []).filter((field) => !config.secret?.includes(field));
    return textFields(form, shown) as FormState<F>['values'];
  };
  return async (_previous, form) => {
    const { ctx, sameOrigin } = await requestContext();
    if (!sameOrigin) {
      return {
        fieldErrors: {},
        formError: 'Form.sessionExpired',
        values: answer(staticFields, form),
      };
    }
    const loaded = (config.load ? await config.load(ctx, form) : undefined) as L;
    const schema = typeof config.schema === 'function' ? config.schema(loaded) : config.schema;
    const fields = staticFields ?? schemaFields<F>(schema);
    const values = answer(fields, form);
    const parsed = schema.safeParse(textFields(form, fields));
    if (!parsed.success) {
      const refused = await config.onInvalid?.(ctx);
      if (refused) return { fieldErrors: {}, ...refused, values };
      return { fieldErrors: inOrder(fieldErrorsFrom<F>(parsed.error), fields), values };
    }
    const error = await run(parsed.data as z.output<S>, { ...ctx, loaded });
    return { fieldErrors: {}, ...error, values };
  };
}

/**
 * A form with no fields to check (a button: "Se déconnecter", "Ne pas lier et continuer"…).
 * A request from another site goes where `refused` says, having done nothing.
 */
export function buttonAction<L = undefined>(
  config: {
    load?: (ctx: ActionContext) => Promise<L>;
    refused: (ctx: ActionContext, form: FormData | undefined) => Promise<never> | never;
  },
  run: (ctx: ActionContext & { loaded: L }, form: FormData | undefined) => Promise<void>,
): (form?: FormData) => Promise<void> {
  return async (form) => {
    const { ctx, sameOrigin } = await requestContext();
    if (!sameOrigin) return config.refused(ctx, form);
    const loaded = (config.load ? await config.load(ctx) : undefined) as L;
    await run({ ...ctx, loaded }, form);
  };
}

async function requestContext(): Promise<{ ctx: ActionContext; sameOrigin: boolean }> {
  const h = await headers();
  const requested = await getLocale();
  const locale: Locale = isLocale(requested) ? requested : 'fr';
  return {
    ctx: { locale, ip: clientIp(h), deps: await runtimeDeps() },
    sameOrigin: isSameOriginRequest(h),
  };
}

/**
 * Next.js rejects a server action whose Origin differs from the Host, but lets one through with
 * no Origin at all. We also refuse that, and any Sec-Fetch-Site other than same-origin. Route
 * handlers that change state use it too (CSRF-02).
 */
export function isSameOriginRequest(h: Headers): boolean {
  const origin = h.get('origin');
  const host = h.get('x-forwarded-host') ?? h.get('host');
  const fetchSite = h.get('sec-fetch-site');
  let sameOrigin = Boolean(origin && host);
  if (origin && host) {
    try {
      sameOrigin = new URL(origin).host === host;
    } catch {
      sameOrigin = false;
    }
  }
  if (fetchSite && fetchSite !== 'same-origin') sameOrigin = false;
  return sameOrigin;
}

/** The names of a schema's fields: its object's keys, through refinements and transforms. */
export function schemaFields<F extends string>(schema: FormSchema): F[] {
  let def = (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
  while (def.type === 'pipe' && def.in) def = def.in._zod.def;
  if (def.type !== 'object' || !def.shape) throw new Error('A form schema must be a zod object');
  return Object.keys(def.shape) as F[];
}
interface ZodDef {
  type: string;
  in?: { _zod: { def: ZodDef } };
  shape?: Record<string, unknown>;
}

/** The errors in the order of the schema's fields, the page's order: the summary lists them so. */
function inOrder<F extends string>(errors: Partial<Record<F, string>>, fields: readonly F[]) {
  const ordered: Partial<Record<F, string>> = {};
  for (const field of fields) if (errors[field]) ordered[field] = errors[field];
  return ordered;
}
