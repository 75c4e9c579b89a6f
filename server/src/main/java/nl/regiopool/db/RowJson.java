package nl.regiopool.db;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import nl.regiopool.http.StrictInstants;
import org.postgresql.PGResultSetMetaData;

/**
 * Writes the current row's columns as JSON values from the bytes PostgreSQL sent, in either of its wire formats,
 * without the driver's getters making a Java object of each: the same text the getters' values would make through
 * the application's mapper. The driver receives a statement's results as text until it has prepared the statement
 * on the server, then uuid, integer and timestamp columns in binary. Values this does not handle byte for byte
 * (non-ASCII text, whose characters outside the BMP Jackson escapes as pairs; timestamps out of range) go through
 * the driver's getters as before.
 */
public final class RowJson {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final ResultSet rows;
    private final boolean[] binary;
    private final byte[] uuidText = new byte[36];

    public RowJson(ResultSet rows) throws SQLException {
        this.rows = rows;
        ResultSetMetaData meta = rows.getMetaData();
        PGResultSetMetaData wire = meta.unwrap(PGResultSetMetaData.class);
        binary = new boolean[meta.getColumnCount() + 1];
        for (int column = 1; column < binary.length; column++) {
            binary[column] = wire.getFormat(column) == 1;
        }
    }

    /** A uuid column's value; null when the column is null. */
    public String uuid(int column) throws SQLException {
        byte[] raw = rows.getBytes(column);
        if (raw == null) {
            return null;
        }
        return binary[column] && raw.length == 16 ? new String(uuidText(raw), 0, 36, StandardCharsets.US_ASCII)
                : rows.getString(column);
    }

    /** Writes a uuid column as a string field; writes nothing when it is null. */
    public void uuid(JsonGenerator json, String name, int column) throws SQLException, IOException {
        byte[] raw = rows.getBytes(column);
        if (raw == null) {
            return;
        }
        json.writeFieldName(name);
        if (binary[column] && raw.length == 16) {
            json.writeRawUTF8String(uuidText(raw), 0, 36);
        } else if (!binary[column] && isAscii(raw)) {
            json.writeUTF8String(raw, 0, raw.length);
        } else {
            json.writeString(rows.getString(column));
        }
    }

    private byte[] uuidText(byte[] raw) {
        int at = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                uuidText[at++] = '-';
            }
            uuidText[at++] = HEX[(raw[i] >> 4) & 0xf];
            uuidText[at++] = HEX[raw[i] & 0xf];
        }
        return uuidText;
    }

    /** Writes a text column as a string field; writes nothing when it is null. */
    public void text(JsonGenerator json, String name, int column) throws SQLException, IOException {
        byte[] raw = rows.getBytes(column);
        if (raw == null) {
            return;
        }
        json.writeFieldName(name);
        if (!binary[column] && isAscii(raw)) {
            json.writeUTF8String(raw, 0, raw.length);
        } else {
            json.writeString(rows.getString(column));
        }
    }

    /** Writes a timestamptz column as {@link StrictInstants} writes it; writes nothing when it is null. */
    public void instant(JsonGenerator json, String name, int column) throws SQLException, IOException {
        byte[] raw = rows.getBytes(column);
        if (raw == null) {
            return;
        }
        json.writeFieldName(name);
        long micros;
        if (binary[column] && raw.length == 8 && (micros = Timestamps.bigEndianLong(raw)) != Long.MAX_VALUE
                && micros != Long.MIN_VALUE) {
            long seconds = Math.floorDiv(micros, Timestamps.MICROS_PER_SECOND) + Timestamps.EPOCH_2000_SECONDS;
            int nanos = (int) Math.floorMod(micros, Timestamps.MICROS_PER_SECOND) * 1000;
            int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
            LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
            StrictInstants.writeUtc(json, date, secondOfDay, nanos);
        } else {
            StrictInstants.write(json, rows.getObject(column, OffsetDateTime.class));
        }
    }

    /** Writes an integer column as a number field; writes nothing when it is null. */
    public void integer(JsonGenerator json, String name, int column) throws SQLException, IOException {
        byte[] raw = rows.getBytes(column);
        if (raw == null) {
            return;
        }
        json.writeNumberField(name, binary[column] && raw.length == 4 ? bigEndianInt(raw) : rows.getInt(column));
    }

    /** Writes a boolean column as a boolean field; writes nothing when it is null. */
    public void bool(JsonGenerator json, String name, int column) throws SQLException, IOException {
        byte[] raw = rows.getBytes(column);
        if (raw == null) {
            return;
        }
        json.writeBooleanField(name, binary[column] && raw.length == 1 ? raw[0] != 0 : rows.getBoolean(column));
    }

    private static boolean isAscii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static int bigEndianInt(byte[] raw) {
        return (raw[0] & 0xff) << 24 | (raw[1] & 0xff) << 16 | (raw[2] & 0xff) << 8 | (raw[3] & 0xff);
    }
}
