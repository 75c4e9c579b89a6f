package nl.regiopool.cao;

import java.time.DayOfWeek;

/** The days a surcharge window applies to: a weekday, or any Dutch public holiday. */
public enum DayType {
    MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY, PUBLIC_HOLIDAY;

    public static DayType of(DayOfWeek day) {
        return valueOf(day.name());
    }
}
