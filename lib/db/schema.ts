import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Normalized (trimmed, lowercased) address; see lib/accounts/email-address.ts. */
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  /** 'pending' until the activation link is used with the right password. */
  status: text('status', { enum: ['pending', 'active'] })
    .notNull()
    .default('pending'),
  /** Language of emails: the registration-time locale (I18N-02). */
  locale: text('locale', { enum: ['fr', 'en'] }).notNull(),
  termsVersion: text('terms_version').notNull(),
  acceptedTermsAt: timestamp('accepted_terms_at', { withTimezone: true }).notNull(),
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  /** Bumped on logout and password changes: a JWT carrying an older value is refused. */
  sessionVersion: integer('session_version').notNull().default(1),
  /**
   * Set by operators when the password is known to be compromised (PWD-09): once signed in, the
   * person can do nothing but change it. Cleared by a password change or reset.
   */
  passwordChangeRequired: boolean('password_change_required').notNull().default(false),
  createdAt: createdAt(),
});

/**
 * Every one-time link the portal mails (lib/accounts/one-time-link.ts): account activation (48 h,
 * the City's guide), password reset (15 min, RST-02) and confirmation of a new sign-in address
 * (48 h). Single use; a newer link of the same kind retires the earlier ones. Only the SHA-256 of
 * the token is stored: the token itself exists only in the email.
 */
export const oneTimeLinks = pgTable(
  'one_time_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['activation', 'password_reset', 'email_change'] }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 (hex) of the token. */
    tokenHash: text('token_hash').notNull(),
    /** email_change only: the new address, normalized. */
    newEmail: text('new_email'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** Set when a newer link is sent or the password changes: the link never works again. */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('one_time_links_token_hash_idx').on(t.tokenHash),
    index().on(t.userId, t.kind),
    index().on(t.expiresAt),
  ],
);

/**
 * A person's one set of contact details (VAL-01 rules): edited in "Mes paramètres › Mes
 * coordonnées" and from "Mon profil", written by the Building Code Services consent form, read
 * by every page that shows or uses them (lib/accounts/contact-details.ts). The City sees this
 * row, and updated_at says when it last changed.
 */
export const contactDetails = pgTable('contact_details', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  title: text('title'),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  communicationLanguage: text('communication_language', { enum: ['fr', 'en'] }).notNull(),
  unit: text('unit'),
  address1: text('address1'),
  address2: text('address2'),
  city: text('city'),
  province: text('province'),
  postalCode: text('postal_code'),
  country: text('country'),
  phone: text('phone').notNull(),
  phoneExtension: text('phone_extension'),
  secondaryPhone: text('secondary_phone'),
  secondaryPhoneExtension: text('secondary_phone_extension'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * When a person's contact details changed, and which fields (names only, never the values), and
 * from where: the consent form or the contact-details form.
 */
export const contactDetailsChanges = pgTable(
  'contact_details_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: text('source', { enum: ['contact_details', 'registration', 'migration'] }).notNull(),
    fields: jsonb('fields').$type<string[]>().notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userId, t.changedAt)],
);

export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toAddress: text('to_address').notNull(),
    template: text('template').notNull(),
    locale: text('locale', { enum: ['fr', 'en'] }).notNull(),
    /**
     * The template's props, encrypted (AES-256-GCM, key derived from AUTH_SECRET) because they
     * can hold one-time links. Emptied once the mail is delivered.
     */
    payload: text('payload'),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index().on(t.status, t.nextAttemptAt)],
);

/** Fixed-window counters shared by every server instance (never process memory). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
});

/** Consecutive sign-in failures per normalized email (hashed), existing account or not. */
export const loginThrottles = pgTable('login_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Structured security log: hashed identifiers, never a password, token or PIN. */
export const securityEvents = pgTable(
  'security_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    subjectHash: text('subject_hash'),
    ipHash: text('ip_hash'),
    detail: jsonb('detail').$type<Record<string, string | number | boolean>>(),
    occurredAt: timestamp('occurred_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index().on(t.type, t.occurredAt), index().on(t.userId, t.occurredAt)],
);

/**
 * Building Code Services registration, one row per person: the registration facts only — the
 * notice version they consented to and their choice at the previous-client-record step. The
 * person's contact details live in contact_details, the one profile every page reads.
 */
export const buildingRegistrations = pgTable('building_registrations', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The collection notice version last accepted; a newer one sends the person back (PRIV-03). */
  noticeVersion: text('notice_version').notNull(),
  consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
  /** null until the person links a previous client record or chooses not to. */
  clientRecordChoice: text('client_record_choice', { enum: ['linked', 'skipped'] }),
  clientRecordChoiceAt: timestamp('client_record_choice_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every consent given, as evidence (PRIV-02): never updated, never deleted with a new one. */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    serviceKey: text('service_key').notNull(),
    action: text('action', { enum: ['granted'] }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    noticeVersion: text('notice_version').notNull(),
    noticeLocale: text('notice_locale', { enum: ['fr', 'en'] }).notNull(),
    noticeSha256: text('notice_sha256').notNull(),
    fieldsShared: jsonb('fields_shared').$type<string[]>().notNull(),
  },
  (t) => [index().on(t.userId, t.occurredAt)],
);

/**
 * Clients of the old system, each with a mailed PIN. Only a keyed HMAC of the PIN is stored
 * (pepper in PIN_PEPPER, outside the database: a dump alone cannot test a PIN, PIN-04).
 */
export const clientRecords = pgTable(
  'client_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientNumber: text('client_number').notNull().unique(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    address: text('address'),
    pinHash: text('pin_hash').notNull(),
    pinIssuedAt: timestamp('pin_issued_at', { withTimezone: true }).notNull(),
    pinExpiresAt: timestamp('pin_expires_at', { withTimezone: true }).notNull(),
    pinUsedAt: timestamp('pin_used_at', { withTimezone: true }),
    linkedUserId: uuid('linked_user_id')
      .unique()
      .references(() => users.id, { onDelete: 'set null' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('client_records_pin_hash_idx').on(t.pinHash)],
);

/** Consecutive wrong PINs per account; 10 lock linking until the City unlocks it (PIN-02). */
export const pinLockouts = pgTable('pin_lockouts', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  lockedAt: timestamp('locked_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A resident's application for a permit or a report (lib/applications). `status` is written only
 * by the transition function (lib/applications/status-machine.ts). `siteAddress` is the address
 * shown in lists, kept with the location step's answers so "Mes demandes" reads one table.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `CON-2026-000001`: allocated at the first save, never reused. */
    reference: text('reference').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    status: text('status').notNull().default('draft'),
    /** The step to resume at: the one after the last saved, or the last saved. */
    currentStep: text('current_step').notNull(),
    siteAddress: text('site_address'),
    /** The fee due at submission, in cents, fixed when submitted. */
    feeCents: integer('fee_cents'),
    createdAt: createdAt(),
    /** The resident's last save: a draft is deleted 60 days after it (reminders before). */
    lastSavedAt: timestamp('last_saved_at', { withTimezone: true }).notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    withdrawalRequestedAt: timestamp('withdrawal_requested_at', { withTimezone: true }),
    /** The last draft-deletion reminder sent: 7 or 1 (days before), or null. */
    draftReminder: integer('draft_reminder'),
    /** The staff member working on it (issue 19's "assign"), or nobody yet. */
    assignedTo: uuid('assigned_to').references(() => staffMembers.id, { onDelete: 'set null' }),
    /**
     * The City's clock (lib/applications/decision-clock.ts): the Ottawa day intake accepted the
     * application as complete, and the decision's due day as last computed (at acceptance, at
     * each request for information and answer). The queue sorts and flags overdue by it.
     */
    acceptedOn: date('accepted_on', { mode: 'string' }),
    decisionDueOn: date('decision_due_on', { mode: 'string' }),
    /** The examiner's conditions at approval: printed on the permit. */
    permitConditions: text('permit_conditions'),
  },
  (t) => [
    index('applications_user_idx').on(t.userId, t.lastSavedAt),
    index('applications_draft_age_idx')
      .on(t.lastSavedAt)
      .where(sql`${t.status} = 'draft'`),
    // The staff work queue (lib/staff/work-queue.ts): past draft, by submission, and by status.
    index('applications_queue_idx')
      .on(t.submittedAt, t.id)
      .where(sql`${t.status} <> 'draft'`),
    // The queue by the City's due date (issue 19): one status, every status past draft, and the
    // default view, the open ones (lib/staff/list-work-queue.ts OPEN_STATUSES), each in the
    // queue's order (due day, submission, id) with nothing to sort or skip.
    index('applications_queue_status_idx').on(t.status, t.decisionDueOn, t.submittedAt, t.id),
    index('applications_queue_due_idx')
      .on(t.decisionDueOn, t.submittedAt, t.id)
      .where(sql`${t.status} <> 'draft'`),
    index('applications_queue_open_idx')
      .on(t.decisionDueOn, t.submittedAt, t.id)
      .where(
        sql`${t.status} in ('submitted', 'completeness_review', 'information_required', 'under_review', 'ready_for_issuance')`,
      ),
    index('applications_assigned_idx').on(t.assignedTo, t.decisionDueOn),
  ],
);

/**
 * The City's requests for information (issue 19): items (missing document, correction, other),
 * a message and a due day; the resident's answer is a new submission version. While one is open
 * the application is "Renseignements requis" and the City's clock stands still.
 */
export const informationRequests = pgTable(
  'information_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => staffMembers.id, { onDelete: 'set null' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** The Ottawa day of the request (the clock's pause starts after it). */
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    /** The status the request was made from: the answer goes back to it. */
    fromStatus: text('from_status').notNull(),
    items: jsonb('items')
      .$type<{ kind: 'missing_document' | 'correction' | 'other'; message: string }[]>()
      .notNull(),
    message: text('message').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredOn: date('answered_on', { mode: 'string' }),
    answerMessage: text('answer_message'),
    /** The submission version the answer made. */
    answerVersion: integer('answer_version'),
  },
  (t) => [index('information_requests_application_idx').on(t.applicationId, t.requestedAt)],
);

/** Staff notes on an application: for staff only, never shown to the resident. Append-only. */
export const staffNotes = pgTable(
  'staff_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id').references(() => staffMembers.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('staff_notes_application_idx').on(t.applicationId, t.createdAt)],
);

/** A draft's answers, one row per step, as last saved. */
export const applicationAnswers = pgTable(
  'application_answers',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    answers: jsonb('answers').$type<Record<string, string | number>>().notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('application_answers_step_idx').on(t.applicationId, t.step)],
);

/** Each submission, as it was sent: never updated. Staff review a version, not a moving target. */
export const applicationVersions = pgTable(
  'application_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    answers: jsonb('answers').$type<Record<string, Record<string, string | number>>>().notNull(),
    /** The profile's contact details at submission (the applicant). */
    applicant: jsonb('applicant').$type<Record<string, string | null>>(),
    feeCents: integer('fee_cents').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('application_versions_version_idx').on(t.applicationId, t.version)],
);

/** The timeline: every move of the status machine, and who made it. Append-only. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order events were written in: several share a time (one transaction, one clock). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorRole: text('actor_role').notNull(),
    actorId: uuid('actor_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('application_events_application_idx').on(t.applicationId, t.seq)],
);

/**
 * Inspections of an issued construction permit (issue 20): the resident asks for a type, a
 * preferred business day and a half-day; an inspector confirms a time window, then records the
 * result. Its life cycle is lib/inspections/status-machine.ts (requested → scheduled → done, or
 * cancelled); each move is also an event in the application's timeline. At most one open
 * (requested or scheduled) inspection per application and type.
 */
export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    /** footings · framing · insulation · plumbing · final (lib/inspections/types.ts). */
    type: text('type').notNull(),
    /** requested · scheduled · done · cancelled (lib/inspections/status-machine.ts). */
    status: text('status').notNull().default('requested'),
    /** The resident's preferred business day (Ottawa) and half-day: morning · afternoon. */
    preferredOn: date('preferred_on', { mode: 'string' }).notNull(),
    period: text('period').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    /** The site's postal code's first three characters (K1P): the inspectors' areas. */
    postalPrefix: text('postal_prefix'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** The inspector who confirmed the window or recorded the result. */
    inspectorId: uuid('inspector_id').references(() => staffMembers.id, { onDelete: 'set null' }),
    /** The confirmed time window on the preferred day, 'HH:MM' (Ottawa time). */
    windowStart: text('window_start'),
    windowEnd: text('window_end'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** passed (Conforme) · failed (Non conforme) · partial (Partielle). */
    result: text('result'),
    /** What to fix after a failed or partial inspection: the resident sees it. */
    toFix: text('to_fix'),
    /** The inspector's notes: staff only. */
    notes: text('notes'),
    resultRecordedAt: timestamp('result_recorded_at', { withTimezone: true }),
  },
  (t) => [
    index('inspections_application_idx').on(t.applicationId, t.requestedAt),
    // The inspectors' day view (lib/inspections/inspector-day.ts): a day's open and done
    // inspections, by area.
    index('inspections_day_idx').on(t.preferredOn, t.postalPrefix),
    uniqueIndex('inspections_open_type_idx')
      .on(t.applicationId, t.type)
      .where(sql`${t.status} in ('requested', 'scheduled')`),
  ],
);

/** The last reference number given, per type prefix and year. */
export const applicationCounters = pgTable(
  'application_counters',
  {
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [uniqueIndex('application_counters_idx').on(t.prefix, t.year)],
);

/**
 * The files of an application, one row per file, each under one checklist item (issue 17).
 * The bytes live in the store (lib/storage) under `storage_key`; a row is written only after its
 * object, and the orphan sweep deletes objects no row names. An infected file's object is deleted
 * and its row kept (storage_key null) so the resident sees which file was refused and why.
 */
export const applicationDocuments = pgTable(
  'application_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    /** The checklist item's key in the catalogue (`sitePlan`, `constructionDrawings`…). */
    item: text('item').notNull(),
    /** The cleaned name (lib/documents/rules), its extension matching the content. */
    fileName: text('file_name').notNull(),
    /** The type found in the bytes, never the one the browser declared. */
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    storageKey: text('storage_key'),
    scanStatus: text('scan_status', {
      enum: ['pending', 'clean', 'infected', 'not_scanned', 'error'],
    })
      .notNull()
      .default('pending'),
    /** The signature found, or why the scan failed: for staff and logs, never shown as is. */
    scanDetail: text('scan_detail'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('application_documents_application_idx').on(t.applicationId, t.uploadedAt)],
);

/**
 * City staff (issue 19): their own accounts, never residents' `users`. A member is created with
 * a set-up link (staff_setup_links) and has no password or second factor until they use it.
 * The TOTP secret is kept encrypted (lib/staff/totp.ts); `totp_last_step` is the time step of the
 * last code accepted, so a code is never accepted twice (STF-01). Sign-in failures and locks
 * live in login_throttles under a key of their own (lib/staff/sign-in-staff.ts).
 */
export const staffMembers = pgTable('staff_members', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Normalized (trimmed, lowercased), as residents' addresses. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ['intake', 'examiner', 'inspector', 'admin'] }).notNull(),
  passwordHash: text('password_hash'),
  /** Set by the set-up page, confirmed by a first code: until then `totp_enrolled_at` is null. */
  totpSecret: text('totp_secret'),
  totpEnrolledAt: timestamp('totp_enrolled_at', { withTimezone: true }),
  totpLastStep: integer('totp_last_step'),
  /** A disabled member's sessions end on their next request; they cannot sign in. */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/**
 * A staff member's set-up link: the life cycle of one_time_links (lib/accounts/one-time-link.ts:
 * valid, used, superseded, expired), for a staff account. Only the SHA-256 of the token is kept.
 */
export const staffSetupLinks = pgTable(
  'staff_setup_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffMembers.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('staff_setup_links_token_hash_idx').on(t.tokenHash), index().on(t.staffId)],
);

/** Recovery codes, shown once at enrolment: only their SHA-256; each works once. */
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffMembers.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: createdAt(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('staff_recovery_codes_hash_idx').on(t.staffId, t.codeHash)],
);

/**
 * Staff sessions, server-side: the cookie holds a random token, the row its SHA-256. Checked on
 * every staff request (lib/staff/staff-session.ts): 15 minutes idle, 8 hours in all (STF-03).
 * 'enrolment' is the session the set-up link opens: it reaches the second-factor page only.
 */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffMembers.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    stage: text('stage', { enum: ['enrolment', 'full'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('staff_sessions_token_hash_idx').on(t.tokenHash), index().on(t.staffId)],
);

/**
 * The staff audit trail (STF-04): who (actor), about whom (subject), what, when, from where
 * (a keyed hash of the address). Append-only: lib/staff/audit.ts has no update or delete, and
 * the migration adds a trigger that refuses UPDATE, DELETE and TRUNCATE.
 */
export const staffAudit = pgTable(
  'staff_audit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** The staff member who acted; null for the command line or an unknown address. */
    actorId: uuid('actor_id').references(() => staffMembers.id),
    /** The staff member acted upon (created, disabled…), or signing in. */
    subjectId: uuid('subject_id').references(() => staffMembers.id),
    action: text('action').notNull(),
    /**
     * The application acted upon, for its audit trail (issue 19). No foreign key: the trail is
     * append-only (its trigger refuses updates), so it outlives an account's deletion.
     */
    applicationId: uuid('application_id'),
    ipHash: text('ip_hash'),
    detail: jsonb('detail').$type<Record<string, string | number | boolean>>(),
  },
  (t) => [
    index('staff_audit_subject_idx').on(t.subjectId, t.seq),
    index('staff_audit_actor_idx').on(t.actorId, t.seq),
    index('staff_audit_application_idx').on(t.applicationId, t.seq),
  ],
);

/**
 * What the City asks a resident to pay (issue 18): the fee at submission, or a charge staff add
 * before issuance. Amounts in integer cents, CAD; the total is the sum of its lines, fixed when
 * the invoice is written. A payment settles it (status 'paid'); it is never paid twice.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['submission', 'charge'] }).notNull(),
    status: text('status', { enum: ['open', 'paid', 'void'] })
      .notNull()
      .default('open'),
    totalCents: integer('total_cents').notNull(),
    currency: text('currency').notNull().default('CAD'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (t) => [index('invoices_application_idx').on(t.applicationId, t.createdAt)],
);

/** The lines of an invoice: a label key (`Applications.feeLines.<key>`) and its amount. */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    labelKey: text('label_key').notNull(),
    /** Values for the label (a rate, a by-law number): no personal data. */
    labelParams: jsonb('label_params').$type<Record<string, string | number>>(),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [uniqueIndex('invoice_lines_position_idx').on(t.invoiceId, t.position)],
);

/**
 * One trip to the payment provider for one invoice. At most one is open per invoice (the partial
 * unique index): two tabs pressing "Payer" get the same attempt. An open attempt expires 90
 * minutes after it starts; the scheduled job asks the provider about those left open.
 */
export const paymentAttempts = pgTable(
  'payment_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: ['test', 'stripe'] }).notNull(),
    /** The provider's id of the checkout (Stripe's Checkout Session id); null until created. */
    providerReference: text('provider_reference'),
    /** Where the resident is sent to pay (the provider's hosted page). */
    checkoutUrl: text('checkout_url'),
    amountCents: integer('amount_cents').notNull(),
    status: text('status', { enum: ['open', 'paid', 'failed', 'cancelled', 'expired'] })
      .notNull()
      .default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('payment_attempts_one_open_idx')
      .on(t.invoiceId)
      .where(sql`${t.status} = 'open'`),
    uniqueIndex('payment_attempts_provider_ref_idx').on(t.provider, t.providerReference),
    index('payment_attempts_open_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'open'`),
  ],
);

/** A payment the provider confirmed: one per invoice, its provider reference unique. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    attemptId: uuid('attempt_id').references(() => paymentAttempts.id, { onDelete: 'set null' }),
    provider: text('provider').notNull(),
    /** The provider's id of the money movement (Stripe's PaymentIntent id): no card data. */
    providerReference: text('provider_reference').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull().default('CAD'),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('payments_invoice_idx').on(t.invoiceId),
    uniqueIndex('payments_provider_ref_idx').on(t.provider, t.providerReference),
  ],
);

/** Money given back (a withdrawal before review): one per payment, recorded once. */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    providerReference: text('provider_reference').notNull(),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('refunds_payment_idx').on(t.paymentId),
    uniqueIndex('refunds_provider_ref_idx').on(t.providerReference),
  ],
);

/** Webhook events already handled, by the provider's event id: a replay changes nothing. */
export const paymentWebhookEvents = pgTable(
  'payment_webhook_events',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('payment_webhook_events_idx').on(t.provider, t.eventId)],
);
