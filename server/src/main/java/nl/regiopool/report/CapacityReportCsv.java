package nl.regiopool.report;

import nl.regiopool.api.model.CapacityReport;
import nl.regiopool.api.model.CapacityReportRow;

/** The report's rows as CSV (RFC 4180), one line per role and week, empty cells for absent values. */
final class CapacityReportCsv {

    static final String HEADER = "week,role,requestedHours,filledHours,unfilledHours,fillRate,medianHoursToFill,"
            + "poolHoursAvailable";

    private CapacityReportCsv() {
    }

    static String of(CapacityReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (CapacityReportRow row : report.getRows()) {
            csv.append(row.getWeek()).append(',').append(row.getRole()).append(',')
                    .append(row.getRequestedHours().toPlainString()).append(',')
                    .append(row.getFilledHours().toPlainString()).append(',')
                    .append(row.getUnfilledHours().toPlainString()).append(',')
                    .append(value(row.getFillRate())).append(',')
                    .append(value(row.getMedianHoursToFill())).append(',')
                    .append(row.getPoolHoursAvailable()).append("\r\n");
        }
        return csv.toString();
    }

    private static String value(Object value) {
        return value == null ? "" : value.toString();
    }
}
