import { describe, expect, it } from 'vitest';
import { actionRequired, type ActionFacts } from '@/lib/applications/action-required';
import { STATUSES } from '@/lib/applications/status-machine';

type Inspection = ActionFacts['inspections'][number];

let seq = 0;
/** An inspection of `type`; a done one recorded `minute` minutes into the day. */
function inspection(
  type: string,
  status: Inspection['status'],
  result: Inspection['result'] = null,
  minute = 0,
): Inspection {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type,
    status,
    result,
    resultRecordedAt: status === 'done' ? new Date(Date.UTC(2026, 11, 4, 15, minute)) : null,
  };
}

const issued = (inspections: Inspection[]): ActionFacts => ({
  status: 'issued',
  invoices: [{ kind: 'submission', status: 'paid' }],
  inspections,
});

describe('actionRequired: what the resident must do', () => {
  it('answers the City’s request while information is required', () => {
    expect(actionRequired({ status: 'information_required', invoices: [], inspections: [] })).toBe(
      'answer_request',
    );
  });

  it('pays the fee at submission, and an open staff charge under review or ready for issuance', () => {
    expect(
      actionRequired({
        status: 'payment_required',
        invoices: [{ kind: 'submission', status: 'open' }],
        inspections: [],
      }),
    ).toBe('pay');
    for (const status of ['under_review', 'ready_for_issuance'] as const) {
      expect(
        actionRequired({
          status,
          invoices: [
            { kind: 'submission', status: 'paid' },
            { kind: 'charge', status: 'open' },
          ],
          inspections: [],
        }),
      ).toBe('pay');
    }
  });

  it('a charge paid or void, or an open charge in another status, asks nothing', () => {
    for (const chargeStatus of ['paid', 'void'] as const) {
      expect(
        actionRequired({
          status: 'ready_for_issuance',
          invoices: [{ kind: 'charge', status: chargeStatus }],
          inspections: [],
        }),
      ).toBeNull();
    }
    expect(
      actionRequired({
        status: 'completeness_review',
        invoices: [{ kind: 'charge', status: 'open' }],
        inspections: [],
      }),
    ).toBeNull();
  });

  it('every status that waits on the City or is over asks nothing', () => {
    const resident = ['information_required', 'payment_required'];
    for (const status of STATUSES.filter((s) => !resident.includes(s))) {
      expect(actionRequired({ status, invoices: [], inspections: [] })).toBeNull();
    }
  });

  it('books an inspection after a failed one', () => {
    expect(actionRequired(issued([inspection('footings', 'done', 'failed')]))).toBe(
      'book_inspection',
    );
  });

  it('books an inspection after a partial one', () => {
    expect(actionRequired(issued([inspection('framing', 'done', 'partial')]))).toBe(
      'book_inspection',
    );
  });

  it('a failed footings inspection followed by a passed footings asks nothing', () => {
    expect(
      actionRequired(
        issued([
          inspection('footings', 'done', 'failed', 0),
          inspection('footings', 'done', 'passed', 30),
        ]),
      ),
    ).toBeNull();
  });

  it('a failed inspection then a new open request of its type (requested or scheduled) asks nothing', () => {
    for (const open of ['requested', 'scheduled'] as const) {
      expect(
        actionRequired(
          issued([inspection('footings', 'done', 'failed'), inspection('footings', open)]),
        ),
      ).toBeNull();
    }
  });

  it('a cancelled request does not count as booked', () => {
    expect(
      actionRequired(
        issued([inspection('footings', 'done', 'failed', 0), inspection('footings', 'cancelled')]),
      ),
    ).toBe('book_inspection');
  });

  it('a pass then a failure of the same type asks again; another type’s pass changes nothing', () => {
    expect(
      actionRequired(
        issued([
          inspection('framing', 'done', 'passed', 0),
          inspection('framing', 'done', 'failed', 30),
        ]),
      ),
    ).toBe('book_inspection');
    expect(
      actionRequired(
        issued([
          inspection('footings', 'done', 'failed', 0),
          inspection('framing', 'done', 'passed', 30),
        ]),
      ),
    ).toBe('book_inspection');
  });

  it('passed inspections, open ones, or none ask nothing; a closed permit asks nothing', () => {
    expect(actionRequired(issued([]))).toBeNull();
    expect(actionRequired(issued([inspection('footings', 'done', 'passed')]))).toBeNull();
    expect(actionRequired(issued([inspection('final', 'scheduled')]))).toBeNull();
    expect(
      actionRequired({
        status: 'closed',
        invoices: [],
        inspections: [inspection('footings', 'done', 'failed')],
      }),
    ).toBeNull();
  });
});
