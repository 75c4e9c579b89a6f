package nl.regiopool.placement;

import java.time.OffsetDateTime;

/** A coop_admin's override of a placement's rule violations, as stored with it; all null when there is none. */
public record Overridden(String reason, String by, OffsetDateTime at, String violationsJson) {

    static final Overridden NONE = new Overridden(null, null, null, null);
}
