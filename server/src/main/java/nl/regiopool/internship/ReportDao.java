package nl.regiopool.internship;

import java.time.LocalDate;
import java.util.List;
import nl.regiopool.api.model.InternshipReportRow;
import nl.regiopool.api.model.InternshipRole;
import org.jdbi.v3.core.Handle;

/** SQL for the internship report: offers by the quarter of their start date, per role and per school. */
final class ReportDao {

    private ReportDao() {
    }

    static List<InternshipReportRow> rows(Handle handle, LocalDate from, LocalDate to) {
        return handle.createQuery("""
                        WITH offer AS (
                            SELECT o.id, o.role, o.places, o.places_filled, o.status,
                                   to_char(o.start_date, 'YYYY') || '-Q' || to_char(o.start_date, 'Q') AS quarter
                            FROM internship_offer o WHERE o.start_date BETWEEN :from AND :to),
                        decision AS (
                            SELECT s.offer_id, extract(epoch FROM s.decided_at - s.created_at) / 86400 AS days
                            FROM internship_share s WHERE s.decided_at IS NOT NULL AND s.offer_id IS NOT NULL)
                        SELECT o.quarter, o.role, NULL::text AS school, sum(o.places)::int AS offered,
                               sum(o.places_filled)::int AS filled,
                               sum(CASE WHEN o.status = 'CLOSED' THEN 0 ELSE o.places - o.places_filled END)::int AS open,
                               (SELECT round(avg(d.days)::numeric, 1) FROM decision d
                                JOIN offer o2 ON o2.id = d.offer_id
                                WHERE o2.quarter = o.quarter AND o2.role = o.role) AS days
                        FROM offer o GROUP BY o.quarter, o.role
                        UNION ALL
                        SELECT o.quarter, o.role, i.school, NULL, count(*)::int, NULL,
                               round(avg(extract(epoch FROM s.decided_at - s.created_at) / 86400)::numeric, 1)
                        FROM internship i JOIN offer o ON o.id = i.offer_id JOIN internship_share s ON s.id = i.share_id
                        GROUP BY o.quarter, o.role, i.school
                        ORDER BY 1, 2, 3 NULLS FIRST""")
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new InternshipReportRow()
                        .quarter(rs.getString(1))
                        .role(InternshipRole.fromValue(rs.getString(2)))
                        .school(rs.getString(3))
                        .placesOffered((Integer) rs.getObject(4))
                        .placesFilled(rs.getInt(5))
                        .placesOpen((Integer) rs.getObject(6))
                        .averageDaysToDecision(rs.getBigDecimal(7)))
                .list();
    }
}
