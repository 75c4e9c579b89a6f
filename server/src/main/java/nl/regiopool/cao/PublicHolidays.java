package nl.regiopool.cao;

import java.time.LocalDate;

/** Which local dates are public holidays, for surcharge windows of {@link DayType#PUBLIC_HOLIDAY}. */
@FunctionalInterface
public interface PublicHolidays {

    boolean isHoliday(LocalDate date);

    /** No public holidays at all (for rule sets without holiday windows, and for tests). */
    PublicHolidays NONE = date -> false;
}
