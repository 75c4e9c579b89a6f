package nl.regiopool.http;

import java.util.List;
import java.util.regex.Pattern;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.problem.ProblemException;

/**
 * What text the API stores. PostgreSQL refuses the NUL character and cannot store a lone UTF-16 surrogate, so
 * both are refused at the door. "Blank" has one definition, shared with the database's {@code is_blank(text)}
 * (migration 006): nothing but Unicode White_Space and the zero-width characters (U+200B-U+200D, U+2060,
 * U+FEFF), so that what the API lets through never breaks a database CHECK and what looks empty is empty.
 */
public final class Text {

    /** The blank characters as a regular-expression class body; the same text is in migration 006. */
    public static final String BLANK_CLASS =
            "\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200d\\u2028\\u2029\\u202f\\u205f\\u2060\\u3000\\ufeff";
    private static final Pattern BLANK = Pattern.compile("[" + BLANK_CLASS + "]*");

    private Text() {
    }

    public static boolean isBlank(String text) {
        return BLANK.matcher(text).matches();
    }

    public static boolean hasNul(String text) {
        return text.indexOf('\u0000') >= 0;
    }

    /** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
    public static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The problem with a text for the API, or null when there is none. */
    public static ProblemException refusal(String field, String text) {
        if (hasLoneSurrogate(text)) {
            return unreadable(field);
        }
        if (hasNul(text)) {
            return ProblemException.invalid(field, "CONTROL_CHARACTER", "The NUL character (U+0000) is not allowed.");
        }
        return null;
    }

    public static ProblemException unreadable(String field) {
        return new ProblemException(400, "INVALID_UNICODE", "Invalid Unicode",
                "The text holds a lone UTF-16 surrogate, which is not a character.",
                List.of(new FieldError(field, "INVALID_UNICODE", "A lone UTF-16 surrogate is not a character.")), List.of());
    }

    public static ProblemException blank(String field) {
        return ProblemException.invalid(field, "BLANK", "The text is blank (only spaces or invisible characters).");
    }
}
