package nl.regiopool.placement;

import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/** A coop_admin's override of a placement's rule violations, as stored with it; all null when there is none. */
public record Overridden(@ColumnName("override_reason") String reason, @ColumnName("overridden_by") String by,
                         @ColumnName("overridden_at") OffsetDateTime at,
                         @ColumnName("overridden_violations") String violationsJson) {

    static final Overridden NONE = new Overridden(null, null, null, null);
}
