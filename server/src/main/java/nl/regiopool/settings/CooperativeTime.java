package nl.regiopool.settings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;

/**
 * The one place for "now" and "today": now is the transaction's {@code now()} (fixed for the whole
 * transaction and the same on every node), today is that moment's date in the cooperative's time zone.
 */
public final class CooperativeTime {

    /** The time zone of a cooperative that has not set one. */
    public static final String DEFAULT_ZONE = "Europe/Amsterdam";

    private CooperativeTime() {
    }

    public static Instant now(Handle handle) {
        return handle.createQuery("SELECT now()").mapTo(OffsetDateTime.class).one().toInstant();
    }

    /** The transaction's now as a UTC offset date-time, the form the API writes. */
    public static OffsetDateTime nowUtc(Handle handle) {
        return OffsetDateTime.ofInstant(now(handle), ZoneOffset.UTC);
    }

    /** The time zone of the transaction's cooperative. */
    public static ZoneId zone(Handle handle) {
        return ZoneId.of(SettingsDao.current(handle).getTimeZone());
    }

    public static LocalDate today(Handle handle) {
        return LocalDate.ofInstant(now(handle), CooperativeTime.zone(handle));
    }
}
