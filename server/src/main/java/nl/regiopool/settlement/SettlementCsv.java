package nl.regiopool.settlement;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import nl.regiopool.tenancy.Transactions;

/**
 * The lines of one statement as CSV (RFC 4180), read by one query in one transaction (one snapshot: the file is
 * consistent) and written straight from the result set as the driver fetches it, so a statement of any size never
 * sits in memory. Pages in transactions of their own were slower: right after a month was computed, PostgreSQL
 * answered each page with a bitmap scan and a sort of the rest of the statement, spilling to disk.
 */
final class SettlementCsv implements StreamingOutput {

    static final List<String> HEADER = List.of("lineId", "placementId", "agreementId", "workerId", "workDate", "hours",
            "baseCents", "surchargeCents", "subtotalCents", "vatPercent", "vatCents", "feeCents", "flags",
            "correctionOfPeriod");
    private static final int FETCH = 5_000;

    private final Transactions transactions;
    private final UUID tenantId;
    private final SettlementDao.StatementRow statement;

    SettlementCsv(Transactions transactions, UUID tenantId, SettlementDao.StatementRow statement) {
        this.transactions = transactions;
        this.tenantId = tenantId;
        this.statement = statement;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        line(writer, HEADER);
        String vatPercent = Integer.toString(statement.vatPercent());
        SettlementDao.CsvRow row = (id, placementId, agreementId, workerId, workDate, seconds, base, surcharge, vat,
                                    fee, flags, correctionOfPeriod) -> {
            writer.write(id);
            writer.write(',');
            writer.write(placementId);
            writer.write(',');
            writer.write(agreementId);
            writer.write(',');
            writer.write(workerId);
            writer.write(',');
            writer.write(workDate);
            writer.write(',');
            writer.write(hours(seconds));
            writer.write(',');
            writer.write(Long.toString(base));
            writer.write(',');
            writer.write(Long.toString(surcharge));
            writer.write(',');
            writer.write(Long.toString(base + surcharge));
            writer.write(',');
            writer.write(vatPercent);
            writer.write(',');
            writer.write(Long.toString(vat));
            writer.write(',');
            writer.write(Long.toString(fee));
            writer.write(',');
            writer.write(escape(flags));
            writer.write(',');
            writer.write(correctionOfPeriod == null ? "" : correctionOfPeriod);
            writer.write("\r\n");
        };
        transactions.read(tenantId, handle -> {
            SettlementDao.csvLines(handle, statement.id(), FETCH, row);
            return null;
        });
        writer.flush();
    }

    /** {@link SettlementMath#hours} as plain text (two decimals, half-up, away from zero), without BigDecimal. */
    static String hours(long workedSeconds) {
        long hundredths = (Math.abs(workedSeconds) * 100 + 1800) / 3600;
        StringBuilder text = new StringBuilder(8);
        if (workedSeconds < 0 && hundredths > 0) {
            text.append('-');
        }
        text.append(hundredths / 100).append('.');
        long cents = hundredths % 100;
        if (cents < 10) {
            text.append('0');
        }
        return text.append(cents).toString();
    }

    private static void line(Writer writer, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(escape(fields.get(i)));
        }
        writer.write("\r\n");
    }

    static String escape(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
