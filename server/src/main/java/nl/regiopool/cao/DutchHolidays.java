package nl.regiopool.cao;

import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Dutch public holidays from jollyday's calendar for the Netherlands: New Year's Day, Good Friday, Easter
 * Sunday and Monday, King's Day (27 April, the 26th when the 27th is a Sunday), Liberation Day (5 May, every
 * year since 1990), Ascension Day, Whit Sunday and Monday, Christmas Day and Boxing Day.
 *
 * <p>Which of these a CAO treats as a holiday (Good Friday, Liberation Day every year or every five years)
 * differs per CAO; a rule set that needs a narrower list passes its own {@link PublicHolidays}.
 */
public final class DutchHolidays implements PublicHolidays {

    private static final DutchHolidays INSTANCE = new DutchHolidays();

    private final HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.NETHERLANDS));
    private final ConcurrentHashMap<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    private DutchHolidays() {
    }

    public static DutchHolidays instance() {
        return INSTANCE;
    }

    @Override
    public boolean isHoliday(LocalDate date) {
        return holidaysIn(date.getYear()).contains(date);
    }

    /**
     * The holiday dates of one year, as celebrated: jollyday's {@code getDate()} is the observed date (King's Day
     * 2025 on Saturday 26 April), {@code getActualDate()} the nominal one (27 April).
     */
    public Set<LocalDate> holidaysIn(int year) {
        return byYear.computeIfAbsent(year, y -> manager.getHolidays(Year.of(y)).stream()
                .map(h -> h.getDate()).collect(Collectors.toUnmodifiableSet()));
    }
}
