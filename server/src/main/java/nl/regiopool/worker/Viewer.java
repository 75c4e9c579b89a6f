package nl.regiopool.worker;

import java.util.UUID;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CallerRole;

/**
 * Who reads workers, as the SQL in {@link WorkerDao} needs it: an admin sees all in full, an auditor
 * all without contact details, a member its own workers in full and other members' pooled workers
 * as a limited profile. Which rows a caller other than an admin reads follows {@link Caller#memberScope()}.
 */
record Viewer(Scope scope, UUID memberId) {

    enum Scope { ADMIN, MEMBER, AUDITOR }

    static Viewer of(Caller caller) {
        if (caller.has(CallerRole.COOP_ADMIN)) {
            return new Viewer(Scope.ADMIN, null);
        }
        return caller.memberScope().map(member -> new Viewer(Scope.MEMBER, member))
                .orElse(new Viewer(Scope.AUDITOR, null));
    }
}
