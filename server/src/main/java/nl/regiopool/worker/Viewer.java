package nl.regiopool.worker;

import java.util.UUID;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.Role;
import nl.regiopool.http.ProblemException;

/**
 * Who reads workers, as the SQL in {@link WorkerDao} needs it: an admin sees all in full, an auditor
 * all without contact details, a member its own workers in full and other members' pooled workers
 * as a limited profile. A caller with several roles gets the widest view (admin, then member).
 */
record Viewer(Scope scope, UUID memberId) {

    enum Scope { ADMIN, MEMBER, AUDITOR }

    static Viewer of(Caller caller) {
        if (caller.has(Role.COOP_ADMIN)) {
            return new Viewer(Scope.ADMIN, null);
        }
        if (caller.has(Role.MEMBER)) {
            return new Viewer(Scope.MEMBER, caller.member().orElseThrow(
                    () -> ProblemException.forbidden("A member token needs a member claim.")));
        }
        return new Viewer(Scope.AUDITOR, null);
    }
}
