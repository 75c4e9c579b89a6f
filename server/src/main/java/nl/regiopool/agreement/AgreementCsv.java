package nl.regiopool.agreement;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.api.model.LoanAgreement;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Transactions;

/**
 * The rows of an agreement list as CSV (RFC 4180), all pages, streamed page by page so an auditor's
 * export of a whole region never sits in memory. Each page is read in its own short transaction.
 */
final class AgreementCsv implements StreamingOutput {

    static final List<String> HEADER = List.of("id", "number", "status", "lenderMemberId", "lenderMemberName",
            "borrowerMemberId", "borrowerMemberName", "workerId", "workerName", "role", "waadiRegime", "caoRuleSetCode", "version", "startDate", "endDate", "hoursPerWeek",
            "tariffCentsPerHour", "costPriceCentsPerHour", "vatEligible", "vatUnmetConditions", "createdAt");
    private static final int PAGE = 500;

    /** Member and worker names by id, for the name columns beside the ids. */
    record Names(Map<UUID, String> members, Map<UUID, String> workers) {
    }

    private record Page(List<LoanAgreement> agreements, Names names) {
    }

    private final Transactions transactions;
    private final UUID tenantId;
    private final AgreementDao.Visibility visibility;
    private final AgreementDao.Filter filter;
    private final Instant asOf;

    AgreementCsv(Transactions transactions, UUID tenantId, AgreementDao.Visibility visibility, AgreementDao.Filter filter,
                 Instant asOf) {
        this.transactions = transactions;
        this.tenantId = tenantId;
        this.visibility = visibility;
        this.filter = filter;
        this.asOf = asOf;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
        line(writer, HEADER);
        Instant at = asOf != null ? asOf : transactions.read(tenantId, CooperativeTime::now);
        UUID after = null;
        while (true) {
            UUID from = after;
            Page page = transactions.read(tenantId, handle -> {
                List<AgreementDao.Listed> found = AgreementDao.list(handle::createQuery, visibility, filter, at,
                        asOf != null, from, PAGE);
                Set<UUID> members = new HashSet<>();
                found.forEach(listed -> members.addAll(List.of(listed.row().lenderMemberId(),
                        listed.row().borrowerMemberId())));
                return new Page(found.stream().map(listed -> AgreementViews.at(listed.row(), listed.versions(), at)).toList(),
                        AgreementDao.names(handle, members, found.stream().map(listed -> listed.row().workerId()).toList()));
            });
            List<LoanAgreement> rows = page.agreements();
            for (LoanAgreement agreement : rows.subList(0, Math.min(PAGE, rows.size()))) {
                line(writer, row(agreement, page.names()));
            }
            if (rows.size() <= PAGE) {
                break;
            }
            after = rows.get(PAGE - 1).getId();
        }
        writer.flush();
    }

    static List<String> row(LoanAgreement a, Names names) {
        var t = a.getTerms();
        return List.of(a.getId().toString(), a.getNumber(), a.getStatus().toString(),
                a.getLenderMemberId().toString(), text(names.members().get(a.getLenderMemberId())),
                a.getBorrowerMemberId().toString(), text(names.members().get(a.getBorrowerMemberId())),
                a.getWorkerId().toString(), text(names.workers().get(a.getWorkerId())), a.getRole().toString(),
                a.getWaadiRegime().toString(), text(a.getCaoRuleSetCode()), t.getVersion().toString(),
                t.getStartDate().toString(), text(t.getEndDate()), t.getHoursPerWeek().toString(),
                t.getTariffCentsPerHour().toString(), t.getCostPriceCentsPerHour().toString(),
                t.getVatExemption().getEligible().toString(), String.join(" ", t.getVatExemption().getUnmetConditions()),
                a.getCreatedAt().toInstant().toString());
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
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
