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
 * The lines of one statement as CSV (RFC 4180), streamed page by page, each page read in its own short
 * transaction, so a statement of any size never sits in memory.
 */
final class SettlementCsv implements StreamingOutput {

    static final List<String> HEADER = List.of("lineId", "placementId", "agreementId", "workerId", "workDate", "hours",
            "baseCents", "surchargeCents", "subtotalCents", "vatPercent", "vatCents", "feeCents", "flags",
            "correctionOfPeriod");
    private static final int PAGE = 1000;

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
        SettlementDao.LineFilter filter = new SettlementDao.LineFilter(null, null, statement.id());
        UUID after = null;
        while (true) {
            UUID from = after;
            List<SettlementDao.LineRow> rows = transactions.read(tenantId, handle ->
                    SettlementDao.lines(handle, statement.settlementId(), null, filter, from, PAGE));
            for (SettlementDao.LineRow row : rows.subList(0, Math.min(PAGE, rows.size()))) {
                line(writer, row(row, statement.vatPercent()));
            }
            if (rows.size() <= PAGE) {
                break;
            }
            after = rows.get(PAGE - 1).id();
        }
        writer.flush();
    }

    static List<String> row(SettlementDao.LineRow l, int vatPercent) {
        return List.of(l.id().toString(), l.placementId().toString(), l.agreementId().toString(),
                l.workerId().toString(), l.workDate().toString(), SettlementMath.hours(l.workedSeconds()).toPlainString(),
                Long.toString(l.baseCents()), Long.toString(l.surchargeCents()),
                Long.toString(l.baseCents() + l.surchargeCents()), Integer.toString(vatPercent),
                Long.toString(l.vatCents()), Long.toString(l.feeCents()), String.join(" ", l.flags()),
                l.correctionOfPeriod() == null ? "" : SettlementViews.period(l.correctionOfPeriod()));
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
