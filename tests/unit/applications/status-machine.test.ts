import { describe, expect, it } from 'vitest';
import {
  allowedTransition,
  availableEvents,
  STATUSES,
  TRANSITIONS,
  type ApplicationStatus,
} from '@/lib/applications/status-machine';

describe('the application status machine (one table)', () => {
  it('reaches every status of APPLICATIONS.md from a draft', () => {
    const reached = new Set<ApplicationStatus>(['draft']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of TRANSITIONS) {
        if (reached.has(t.from) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...STATUSES].sort());
  });

  it('has no way out of refused, withdrawn and closed', () => {
    for (const end of ['refused', 'withdrawn', 'closed'] as const) {
      expect(TRANSITIONS.filter((t) => t.from === end)).toEqual([]);
    }
  });

  it('submits to "Paiement requis" when a fee is due, else to "Soumise"', () => {
    expect(allowedTransition('draft', 'submit', 'resident', { feeDueCents: 9_800 })?.to).toBe(
      'payment_required',
    );
    expect(allowedTransition('draft', 'submit', 'resident', { feeDueCents: 0 })?.to).toBe(
      'submitted',
    );
  });

  it('APP-02: lets each actor do only its own part: a resident cannot approve', () => {
    expect(allowedTransition('under_review', 'approve', 'resident')).toBeNull();
    expect(allowedTransition('under_review', 'approve', 'inspector')).toBeNull();
    expect(allowedTransition('under_review', 'approve', 'examiner')?.to).toBe('ready_for_issuance');
    expect(allowedTransition('payment_required', 'payment_settled', 'resident')).toBeNull();
    expect(allowedTransition('payment_required', 'payment_settled', 'system')?.to).toBe(
      'submitted',
    );
    expect(allowedTransition('draft', 'submit', 'examiner', { feeDueCents: 0 })).toBeNull();
  });

  it('returns a response to the stage that asked for it', () => {
    expect(
      allowedTransition('information_required', 'respond', 'resident', {
        requestedFrom: 'completeness_review',
      })?.to,
    ).toBe('completeness_review');
    expect(
      allowedTransition('information_required', 'respond', 'resident', {
        requestedFrom: 'under_review',
      })?.to,
    ).toBe('under_review');
    expect(allowedTransition('information_required', 'respond', 'resident')).toBeNull();
  });

  it('withdraws only what the resident asked to withdraw, and issues nothing with a charge unpaid', () => {
    expect(availableEvents('under_review', 'resident')).toEqual(['request_withdrawal']);
    expect(availableEvents('under_review', 'resident', { withdrawalRequested: true })).toEqual([]);
    expect(allowedTransition('under_review', 'confirm_withdrawal', 'intake')).toBeNull();
    expect(
      allowedTransition('under_review', 'confirm_withdrawal', 'intake', {
        withdrawalRequested: true,
      })?.to,
    ).toBe('withdrawn');
    expect(
      allowedTransition('ready_for_issuance', 'issue', 'examiner', { outstandingCents: 500 }),
    ).toBeNull();
    expect(allowedTransition('issued', 'close', 'inspector')).toBeNull();
    expect(allowedTransition('draft', 'request_withdrawal', 'resident')).toBeNull();
  });
});
