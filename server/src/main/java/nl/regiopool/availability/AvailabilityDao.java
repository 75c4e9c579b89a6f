package nl.regiopool.availability;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** SQL of a worker's stated availability. */
final class AvailabilityDao {

    private AvailabilityDao() {
    }

    /** A window of the weekly pattern as stored: ISO weekday 1-7, minutes of the day. */
    record WindowRow(int isoWeekday, int startMinute, int endMinute) {
    }

    /** A dated exception as stored: {@code windows} holds {start, end} minute pairs. */
    record ExceptionRow(String kind, LocalDate startDate, LocalDate endDate, int[] windows, String note) {
    }

    record Stored(int version, OffsetDateTime updatedAt, List<WindowRow> weekly, List<ExceptionRow> exceptions) {
    }

    static boolean workerExists(Handle handle, UUID workerId) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM worker WHERE id = :id)").bind("id", workerId)
                .mapTo(Boolean.class).one();
    }

    /** Serialises replacements of one worker's availability, also the first (when there is no row to lock yet). */
    static void lock(Handle handle, UUID workerId) {
        handle.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(CAST(:worker AS text), 43))")
                .bind("worker", workerId).mapTo(Integer.class).one();
    }

    static Optional<Stored> find(Handle handle, UUID workerId) {
        record Head(int version, OffsetDateTime updatedAt) {
        }
        Optional<Head> head = handle.createQuery("SELECT version, updated_at FROM worker_availability WHERE worker_id = :worker")
                .bind("worker", workerId)
                .map((rs, ctx) -> new Head(rs.getInt("version"), rs.getObject("updated_at", OffsetDateTime.class)))
                .findOne();
        return head.map(h -> new Stored(h.version(), h.updatedAt(), windows(handle, workerId), exceptions(handle, workerId)));
    }

    /** The stored availability of each worker that stated one, in bulk (three statements for any number). */
    static Map<UUID, Stored> findAll(Handle handle, List<UUID> workerIds) {
        Map<UUID, Stored> stored = new HashMap<>();
        if (workerIds.isEmpty()) {
            return stored;
        }
        UUID[] workers = workerIds.toArray(UUID[]::new);
        Map<UUID, List<WindowRow>> windows = new HashMap<>();
        handle.createQuery("""
                        SELECT worker_id, iso_weekday, start_minute, end_minute FROM worker_availability_window
                        WHERE worker_id = ANY(:workers) ORDER BY worker_id, iso_weekday, start_minute""")
                .bind("workers", workers)
                .map((rs, ctx) -> Map.entry(rs.getObject("worker_id", UUID.class), new WindowRow(rs.getInt("iso_weekday"),
                        rs.getInt("start_minute"), rs.getInt("end_minute"))))
                .forEach(row -> windows.computeIfAbsent(row.getKey(), key -> new ArrayList<>()).add(row.getValue()));
        Map<UUID, List<ExceptionRow>> exceptions = new HashMap<>();
        handle.createQuery("""
                        SELECT worker_id, kind, start_date, end_date, windows, note FROM worker_availability_exception
                        WHERE worker_id = ANY(:workers) ORDER BY worker_id, start_date, end_date, position""")
                .bind("workers", workers)
                .map((rs, ctx) -> Map.entry(rs.getObject("worker_id", UUID.class), new ExceptionRow(rs.getString("kind"),
                        rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                        ints(rs, "windows"), rs.getString("note"))))
                .forEach(row -> exceptions.computeIfAbsent(row.getKey(), key -> new ArrayList<>()).add(row.getValue()));
        handle.createQuery("SELECT worker_id, version, updated_at FROM worker_availability WHERE worker_id = ANY(:workers)")
                .bind("workers", workers)
                .map((rs, ctx) -> rs.getObject("worker_id", UUID.class))
                .forEach(worker -> stored.put(worker, new Stored(0, null, windows.getOrDefault(worker, List.of()),
                        exceptions.getOrDefault(worker, List.of()))));
        return stored;
    }

    private static List<WindowRow> windows(Handle handle, UUID workerId) {
        return handle.createQuery("""
                        SELECT iso_weekday, start_minute, end_minute FROM worker_availability_window
                        WHERE worker_id = :worker ORDER BY iso_weekday, start_minute""")
                .bind("worker", workerId)
                .map((rs, ctx) -> new WindowRow(rs.getInt("iso_weekday"), rs.getInt("start_minute"), rs.getInt("end_minute")))
                .list();
    }

    private static List<ExceptionRow> exceptions(Handle handle, UUID workerId) {
        return handle.createQuery("""
                        SELECT kind, start_date, end_date, windows, note FROM worker_availability_exception
                        WHERE worker_id = :worker ORDER BY start_date, end_date, position""")
                .bind("worker", workerId)
                .map((rs, ctx) -> new ExceptionRow(rs.getString("kind"), rs.getObject("start_date", LocalDate.class),
                        rs.getObject("end_date", LocalDate.class), ints(rs, "windows"), rs.getString("note")))
                .list();
    }

    private static int[] ints(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        Integer[] values = (Integer[]) array.getArray();
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = values[i];
        }
        return ints;
    }

    /** Makes the stored availability exactly this, bumping its version (1 the first time). */
    static void replace(Handle handle, UUID tenantId, UUID workerId, List<WindowRow> weekly, List<ExceptionRow> exceptions) {
        handle.createUpdate("""
                        INSERT INTO worker_availability (tenant_id, worker_id) VALUES (:tenant, :worker)
                        ON CONFLICT (tenant_id, worker_id)
                        DO UPDATE SET version = worker_availability.version + 1, updated_at = now()""")
                .bind("tenant", tenantId).bind("worker", workerId).execute();
        handle.createUpdate("DELETE FROM worker_availability_window WHERE worker_id = :worker").bind("worker", workerId)
                .execute();
        handle.createUpdate("DELETE FROM worker_availability_exception WHERE worker_id = :worker").bind("worker", workerId)
                .execute();
        if (!weekly.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO worker_availability_window (tenant_id, worker_id, iso_weekday, start_minute, end_minute)
                    VALUES (:tenant, :worker, :weekday, :start, :end)""");
            for (WindowRow window : weekly) {
                batch.bind("tenant", tenantId).bind("worker", workerId).bind("weekday", window.isoWeekday())
                        .bind("start", window.startMinute()).bind("end", window.endMinute()).add();
            }
            batch.execute();
        }
        if (!exceptions.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO worker_availability_exception (tenant_id, worker_id, position, kind, start_date, end_date,
                        windows, note)
                    VALUES (:tenant, :worker, :position, :kind, :startDate, :endDate, :windows, :note)""");
            for (int i = 0; i < exceptions.size(); i++) {
                ExceptionRow exception = exceptions.get(i);
                batch.bind("tenant", tenantId).bind("worker", workerId).bind("position", i)
                        .bind("kind", exception.kind()).bind("startDate", exception.startDate())
                        .bind("endDate", exception.endDate()).bind("windows", exception.windows())
                        .bind("note", exception.note()).add();
            }
            batch.execute();
        }
    }
}
