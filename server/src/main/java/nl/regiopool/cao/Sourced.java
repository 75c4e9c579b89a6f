package nl.regiopool.cao;

import java.util.Objects;

/**
 * A parameter value with the text it comes from.
 *
 * @param value  the value
 * @param source citation of the law or CAO text (article, paragraph), never empty
 */
public record Sourced<T>(T value, String source) {

    public Sourced {
        Objects.requireNonNull(value, "value");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("every rule parameter cites its source");
        }
    }
}
