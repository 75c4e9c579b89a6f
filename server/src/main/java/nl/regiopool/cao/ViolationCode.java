package nl.regiopool.cao;

/** Stable codes of working-time violations; clients may switch on them. */
public enum ViolationCode {
    /** More worked time in one shift than the maximum per shift. */
    ATW_MAX_SHIFT_LENGTH,
    /** More worked time in one ISO week than the maximum per week. */
    ATW_MAX_WEEK_HOURS,
    /** Average worked time per week over a run of 4 consecutive weeks above the maximum. */
    ATW_AVG_4_WEEKS,
    /** Average worked time per week over a run of 16 consecutive weeks above the maximum. */
    ATW_AVG_16_WEEKS,
    /** A 24-hour period without the minimum uninterrupted rest, or a second reduced rest within 7&times;24 h. */
    ATW_MIN_DAILY_REST,
    /** Neither the 36 h per 7&times;24 h nor the 72 h per 14&times;24 h weekly rest is met. */
    ATW_MIN_WEEKLY_REST,
    /** A shift with less break than its worked time requires. */
    ATW_MIN_BREAK,
    /** A night shift with more worked time than the maximum per night shift. */
    ATW_NIGHT_SHIFT_LENGTH
}
