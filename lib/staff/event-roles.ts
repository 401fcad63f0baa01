import { type ApplicationEventType, TRANSITIONS } from '@/lib/applications/status-machine';
import { isStaffRole, type StaffRole } from '@/lib/staff/roles';

/** The staff roles the status machine's table lets make this move from some status. */
export function rolesAllowedTo(event: ApplicationEventType): StaffRole[] {
  return [...new Set(TRANSITIONS.filter((t) => t.event === event).flatMap((t) => t.who))].filter(
    isStaffRole,
  );
}
