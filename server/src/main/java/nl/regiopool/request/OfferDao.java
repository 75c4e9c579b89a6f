package nl.regiopool.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.Offer;
import nl.regiopool.api.model.OfferStatus;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for offers. Row-level security scopes every statement to the tenant. */
final class OfferDao {

    private static final String COLUMNS = """
            o.id, o.staffing_request_id, o.worker_id, o.employer_member_id, o.status, o.accepted_at, o.placed_at,
            o.agreement_id, o.version, o.created_at, o.updated_at,
            (SELECT sr.member_id FROM staffing_request sr
             WHERE sr.tenant_id = o.tenant_id AND sr.id = o.staffing_request_id) AS borrower_member_id""";

    private OfferDao() {
    }

    record Row(Offer offer, int version) {
        UUID id() {
            return offer.getId();
        }

        OfferStatus status() {
            return offer.getStatus();
        }
    }

    /**
     * Who reads an offer: everyone (admins), a member (the requesting member or the worker's employer), or a
     * worker (its own offers).
     */
    record Viewer(UUID memberId, UUID workerId) {
        static final Viewer ALL = new Viewer(null, null);

        Where where() {
            return new Where().and("member", memberId, ":member IN (r.member_id, o.employer_member_id)")
                    .and("worker", workerId, "o.worker_id = :worker");
        }
    }

    static void insert(Handle handle, UUID tenantId, UUID id, UUID requestId, UUID workerId, String offeredBy) {
        handle.createUpdate("""
                        INSERT INTO offer (tenant_id, id, staffing_request_id, worker_id, employer_member_id, offered_by)
                        SELECT :tenant, :id, :request, w.id, w.employer_member_id, :by FROM worker w WHERE w.id = :worker""")
                .bind("tenant", tenantId)
                .bind("id", id)
                .bind("request", requestId)
                .bind("worker", workerId)
                .bind("by", offeredBy)
                .execute();
    }

    static Optional<Row> find(Handle handle, UUID id, Viewer viewer, boolean lock) {
        Where where = viewer.where().and("o.id = :id").bind("id", id);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS
                        + " FROM offer o JOIN staffing_request r ON r.tenant_id = o.tenant_id"
                        + " AND r.id = o.staffing_request_id" + where.clause() + (lock ? "FOR UPDATE OF o" : "")))
                .map(OfferDao::map)
                .findOne();
    }

    static List<Row> listForWorker(Handle handle, UUID workerId, UUID after, int limit) {
        Where where = new Where().and("o.worker_id = :worker").bind("worker", workerId)
                .and("after", after, "o.id > :after").bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM offer o" + where.clause()
                        + "ORDER BY o.id LIMIT :limit"))
                .map(OfferDao::map)
                .list();
    }

    /** The offers of a request in the given statuses, locked. */
    static List<Row> ofRequest(Handle handle, UUID requestId, List<OfferStatus> statuses) {
        return handle.createQuery("SELECT " + COLUMNS + """
                         FROM offer o WHERE o.staffing_request_id = :request AND o.status = ANY(:statuses)
                        ORDER BY o.id FOR UPDATE""")
                .bind("request", requestId)
                .bind("statuses", statuses.stream().map(OfferStatus::toString).toArray(String[]::new))
                .map(OfferDao::map)
                .list();
    }

    static void setStatus(Handle handle, UUID id, OfferStatus status) {
        handle.createUpdate("""
                        UPDATE offer SET status = :status, version = version + 1, updated_at = now(),
                            accepted_at = CASE WHEN :status = 'ACCEPTED' THEN now() ELSE accepted_at END
                        WHERE id = :id""")
                .bind("id", id)
                .bind("status", status.toString())
                .execute();
    }

    /** Released while the agreement made for it awaits approval. */
    static void released(Handle handle, UUID id, UUID agreementId) {
        handle.createUpdate("""
                        UPDATE offer SET status = 'RELEASED', agreement_id = :agreement,
                            version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bind("id", id)
                .bind("agreement", agreementId)
                .execute();
    }

    /** The RELEASED offers waiting for this agreement, locked. */
    static List<Row> releasedUnder(Handle handle, UUID agreementId) {
        return handle.createQuery("SELECT " + COLUMNS + """
                         FROM offer o WHERE o.agreement_id = :agreement AND o.status = 'RELEASED'
                        ORDER BY o.id FOR UPDATE""")
                .bind("agreement", agreementId)
                .map(OfferDao::map)
                .list();
    }

    static void placed(Handle handle, UUID id, UUID agreementId) {
        handle.createUpdate("""
                        UPDATE offer SET status = 'PLACED', placed_at = now(), agreement_id = :agreement,
                            version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bind("id", id)
                .bind("agreement", agreementId)
                .execute();
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        Offer offer = new Offer()
                .id(rs.getObject("id", UUID.class))
                .staffingRequestId(rs.getObject("staffing_request_id", UUID.class))
                .workerId(rs.getObject("worker_id", UUID.class))
                .employerMemberId(rs.getObject("employer_member_id", UUID.class))
                .borrowerMemberId(rs.getObject("borrower_member_id", UUID.class))
                .status(OfferStatus.fromValue(rs.getString("status")))
                .acceptedAt(rs.getObject("accepted_at", OffsetDateTime.class))
                .placedAt(rs.getObject("placed_at", OffsetDateTime.class))
                .agreementId(rs.getObject("agreement_id", UUID.class))
                .createdAt(rs.getObject("created_at", OffsetDateTime.class))
                .updatedAt(rs.getObject("updated_at", OffsetDateTime.class));
        return new Row(offer, rs.getInt("version"));
    }

    /** Whether the member releases its workers as soon as they accept. */
    static boolean autoRelease(Handle handle, UUID memberId) {
        return handle.createQuery("SELECT auto_release FROM member WHERE id = :id")
                .bind("id", memberId)
                .mapTo(Boolean.class)
                .one();
    }
}
