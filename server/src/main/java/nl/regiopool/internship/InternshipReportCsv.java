package nl.regiopool.internship;

import nl.regiopool.api.model.InternshipReport;
import nl.regiopool.api.model.InternshipReportRow;

/** The report's rows as CSV (RFC 4180), one line per row, empty cells for absent values. */
final class InternshipReportCsv {

    private InternshipReportCsv() {
    }

    static String of(InternshipReport report) {
        StringBuilder csv = new StringBuilder(
                "quarter,role,school,placesOffered,placesFilled,placesOpen,averageDaysToDecision\r\n");
        for (InternshipReportRow row : report.getRows()) {
            csv.append(row.getQuarter()).append(',').append(row.getRole()).append(',')
                    .append(cell(row.getSchool())).append(',')
                    .append(value(row.getPlacesOffered())).append(',')
                    .append(row.getPlacesFilled()).append(',')
                    .append(value(row.getPlacesOpen())).append(',')
                    .append(value(row.getAverageDaysToDecision())).append("\r\n");
        }
        return csv.toString();
    }

    private static String value(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Quoted when it holds a comma, quote or line break; a leading formula character is neutralised. */
    static String cell(String text) {
        if (text == null) {
            return "";
        }
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return safe.matches("(?s).*[\",\r\n].*") ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
