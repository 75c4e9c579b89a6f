package nl.regiopool.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * Text built directly as UTF-8 bytes for hashing: the bytes are those of {@code text.getBytes(UTF_8)} for the same
 * text built as a String. Hashing a whole chain builds millions of short texts; skipping the String and its
 * encoding, and formatting UUIDs and instants by hand, is most of what a verify spends on them.
 */
final class Utf8Text {

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Instant.toString writes years 0000 to 9999 as four digits; others go through it. */
    private static final long FIRST_SECOND_OF_YEAR_0 = -62_167_219_200L;
    private static final long LAST_SECOND_OF_YEAR_9999 = 253_402_300_799L;

    private static final int INITIAL_CAPACITY = 512;
    private static final int KEPT_CAPACITY = 64 * 1024;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int size;

    /** Empty again; a buffer a large payload grew is let go, as each hashing thread keeps its own. */
    Utf8Text clear() {
        size = 0;
        if (bytes.length > KEPT_CAPACITY) {
            bytes = new byte[INITIAL_CAPACITY];
        }
        return this;
    }

    int size() {
        return size;
    }

    /** The backing array; its first {@link #size()} bytes are the text. */
    byte[] bytes() {
        return bytes;
    }

    byte[] copyFrom(int start) {
        return Arrays.copyOfRange(bytes, start, size);
    }

    void truncate(int newSize) {
        size = newSize;
    }

    Utf8Text append(char ascii) {
        ensure(1);
        bytes[size++] = (byte) ascii;
        return this;
    }

    Utf8Text append(byte[] text) {
        ensure(text.length);
        System.arraycopy(text, 0, bytes, size, text.length);
        size += text.length;
        return this;
    }

    Utf8Text append(long number) {
        return append(Long.toString(number));
    }

    Utf8Text append(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return append(text.getBytes(StandardCharsets.UTF_8));
            }
            bytes[size + i] = (byte) c;
        }
        size += length;
        return this;
    }

    /** As {@link Canonical#quoted}. */
    Utf8Text quoted(String text) {
        int length = text.length();
        ensure(length + 2);
        bytes[size] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                StringBuilder escaped = new StringBuilder(length + 8);
                Canonical.quoted(text, escaped);
                return append(escaped.toString().getBytes(StandardCharsets.UTF_8));
            }
            bytes[size + 1 + i] = (byte) c;
        }
        bytes[size + 1 + length] = '"';
        size += length + 2;
        return this;
    }

    /** {@code quoted(uuid.toString())}. */
    Utf8Text quoted(UUID uuid) {
        ensure(38);
        bytes[size++] = '"';
        hex(uuid.getMostSignificantBits() >>> 32, 8);
        bytes[size++] = '-';
        hex(uuid.getMostSignificantBits() >>> 16, 4);
        bytes[size++] = '-';
        hex(uuid.getMostSignificantBits(), 4);
        bytes[size++] = '-';
        hex(uuid.getLeastSignificantBits() >>> 48, 4);
        bytes[size++] = '-';
        hex(uuid.getLeastSignificantBits(), 12);
        bytes[size++] = '"';
        return this;
    }

    /** {@code quoted(instant.toString())}: ISO-8601 in UTC, the fraction in as many groups of three digits as needed. */
    Utf8Text quoted(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < FIRST_SECOND_OF_YEAR_0 || second > LAST_SECOND_OF_YEAR_9999) {
            return quoted(instant.toString());
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        ensure(32);
        bytes[size++] = '"';
        digits(time.getYear(), 4);
        bytes[size++] = '-';
        digits(time.getMonthValue(), 2);
        bytes[size++] = '-';
        digits(time.getDayOfMonth(), 2);
        bytes[size++] = 'T';
        digits(time.getHour(), 2);
        bytes[size++] = ':';
        digits(time.getMinute(), 2);
        bytes[size++] = ':';
        digits(time.getSecond(), 2);
        int nano = instant.getNano();
        if (nano != 0) {
            bytes[size++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(nano / 1_000, 6);
            } else {
                digits(nano, 9);
            }
        }
        bytes[size++] = 'Z';
        bytes[size++] = '"';
        return this;
    }

    private void hex(long value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            bytes[size + i] = HEX_DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
        size += count;
    }

    private void digits(int value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            bytes[size + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += count;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
