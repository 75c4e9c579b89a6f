package nl.regiopool.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;

/** SQL for the capacity report: shift hours per role and ISO week, the fill durations and the pool's hours. */
final class CapacityDao {

    /** One role and week as counted; the math on it is {@link CapacityMath}'s. */
    record Group(String week, String role, BigDecimal requestedHours, BigDecimal filledHours,
                 List<BigDecimal> hoursToFill, int poolHoursAvailable) {
    }

    private CapacityDao() {
    }

    static List<Group> groups(Handle handle, ZoneId zone, LocalDate from, LocalDate to, UUID memberId) {
        Where where = new Where()
                .and("r.kind = 'SHIFTS' AND r.status <> 'CANCELLED'")
                .and("(s.starts_at AT TIME ZONE :zone)::date BETWEEN :from AND :to")
                .and("member", memberId, "r.member_id = :member");
        return where.bindTo(handle.createQuery("""
                        WITH shift AS (
                            SELECT r.id AS request_id, r.role, (s.starts_at AT TIME ZONE :zone)::date AS day,
                                   extract(epoch FROM s.ends_at - s.starts_at) / 3600 - s.break_minutes / 60.0 AS hours,
                                   extract(epoch FROM o.placed_at - r.created_at) / 3600 AS hours_to_fill
                            FROM staffing_request r
                            JOIN staffing_request_shift s ON s.staffing_request_id = r.id
                            LEFT JOIN offer o ON o.staffing_request_id = r.id AND o.status = 'PLACED'"""
                        + where.clause() + """
                        ), week AS (
                            SELECT request_id, role, hours, hours_to_fill, to_char(day, 'IYYY-"W"IW') AS week,
                                   date_trunc('week', day)::date AS monday
                            FROM shift),
                        fill AS (
                            SELECT DISTINCT week, role, request_id, hours_to_fill FROM week WHERE hours_to_fill IS NOT NULL),
                        pool_worker AS (
                            SELECT w.id AS worker_id, q.role, m.valid_from, m.valid_to,
                                   coalesce(m.max_hours_per_week, w.contract_hours_per_week) AS hours
                            FROM pool_membership m
                            JOIN worker w ON w.id = m.worker_id AND w.status = 'ACTIVE'
                            JOIN worker_qualification q ON q.worker_id = w.id)
                        SELECT g.week, g.role, g.requested, g.filled,
                               (SELECT array_agg(round(f.hours_to_fill::numeric, 4)) FROM fill f
                                WHERE f.week = g.week AND f.role = g.role) AS hours_to_fill,
                               (SELECT coalesce(sum(p.hours), 0)::int FROM (
                                    SELECT max(pw.hours) AS hours FROM pool_worker pw
                                    WHERE pw.role = g.role AND pw.valid_from <= g.monday
                                      AND coalesce(pw.valid_to, 'infinity'::date) >= g.monday
                                    GROUP BY pw.worker_id) p) AS pool_hours
                        FROM (SELECT week, monday, role, sum(hours) AS requested,
                                     coalesce(sum(hours) FILTER (WHERE hours_to_fill IS NOT NULL), 0) AS filled
                              FROM week GROUP BY week, monday, role) g
                        ORDER BY g.week, g.role"""))
                .bind("zone", zone.getId()).bind("from", from).bind("to", to)
                .map((rs, ctx) -> {
                    java.sql.Array fills = rs.getArray("hours_to_fill");
                    List<BigDecimal> hoursToFill = fills == null ? List.of()
                            : Arrays.asList((BigDecimal[]) fills.getArray());
                    return new Group(rs.getString("week"), rs.getString("role"), hours(rs.getBigDecimal("requested")),
                            hours(rs.getBigDecimal("filled")), hoursToFill, rs.getInt("pool_hours"));
                })
                .list();
    }

    private static BigDecimal hours(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
