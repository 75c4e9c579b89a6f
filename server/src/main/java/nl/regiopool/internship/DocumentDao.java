package nl.regiopool.internship;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.InternshipDocument;
import nl.regiopool.api.model.InternshipDocumentDownload;
import nl.regiopool.api.model.InternshipDocumentKind;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for document metadata, the PostgreSQL store's bytes, and the record of downloads. */
final class DocumentDao {

    private static final String COLUMNS = "id, kind, file_name, content_type, size_bytes, sha256, created_at";

    private DocumentDao() {
    }

    static InternshipDocument insert(Handle handle, UUID tenantId, UUID applicantId, InternshipDocument d) {
        return handle.createQuery("""
                        INSERT INTO internship_document (tenant_id, id, applicant_id, kind, file_name, content_type,
                            size_bytes, sha256)
                        VALUES (:tenant, :id, :applicant, :kind, :fileName, :contentType, :size, :sha256)
                        RETURNING\s""" + COLUMNS)
                .bind("tenant", tenantId).bind("id", d.getId()).bind("applicant", applicantId)
                .bind("kind", d.getKind().toString()).bind("fileName", d.getFileName())
                .bind("contentType", d.getContentType().toString()).bind("size", d.getSizeBytes())
                .bind("sha256", d.getSha256())
                .map(DocumentDao::map).one();
    }

    static List<InternshipDocument> list(Handle handle, UUID applicantId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM internship_document WHERE applicant_id = :applicant"
                        + " ORDER BY id")
                .bind("applicant", applicantId).map(DocumentDao::map).list();
    }

    static Optional<InternshipDocument> find(Handle handle, UUID applicantId, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM internship_document WHERE applicant_id = :applicant"
                        + " AND id = :id")
                .bind("applicant", applicantId).bind("id", id).map(DocumentDao::map).findOne();
    }

    static List<UUID> ids(Handle handle, UUID applicantId) {
        return handle.createQuery("SELECT id FROM internship_document WHERE applicant_id = :applicant ORDER BY id")
                .bind("applicant", applicantId).mapTo(UUID.class).list();
    }

    static void delete(Handle handle, UUID id) {
        handle.createUpdate("DELETE FROM internship_document WHERE id = :id").bind("id", id).execute();
    }

    static void putContent(Handle handle, UUID tenantId, UUID documentId, byte[] content) {
        handle.createUpdate("INSERT INTO internship_document_content (tenant_id, document_id, content)"
                        + " VALUES (:tenant, :id, :content)")
                .bind("tenant", tenantId).bind("id", documentId).bind("content", content).execute();
    }

    static Optional<byte[]> content(Handle handle, UUID documentId) {
        return handle.createQuery("SELECT content FROM internship_document_content WHERE document_id = :id")
                .bind("id", documentId).mapTo(byte[].class).findOne();
    }

    static void deleteContent(Handle handle, UUID documentId) {
        handle.createUpdate("DELETE FROM internship_document_content WHERE document_id = :id")
                .bind("id", documentId).execute();
    }

    static void recordDownload(Handle handle, UUID tenantId, UUID id, UUID applicantId, UUID documentId,
                               String subject, UUID memberId) {
        handle.createUpdate("""
                        INSERT INTO internship_document_download (tenant_id, id, applicant_id, document_id, subject, member_id)
                        VALUES (:tenant, :id, :applicant, :document, :subject, :member)""")
                .bind("tenant", tenantId).bind("id", id).bind("applicant", applicantId).bind("document", documentId)
                .bind("subject", subject).bind("member", memberId).execute();
    }

    static List<InternshipDocumentDownload> downloads(Handle handle, UUID applicantId) {
        return handle.createQuery("""
                        SELECT id, document_id, subject, member_id, downloaded_at FROM internship_document_download
                        WHERE applicant_id = :applicant ORDER BY id""")
                .bind("applicant", applicantId)
                .map((rs, ctx) -> new InternshipDocumentDownload()
                        .id(rs.getObject("id", UUID.class))
                        .documentId(rs.getObject("document_id", UUID.class))
                        .downloadedBy(rs.getString("subject"))
                        .memberId(rs.getObject("member_id", UUID.class))
                        .downloadedAt(rs.getObject("downloaded_at", OffsetDateTime.class)))
                .list();
    }

    private static InternshipDocument map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new InternshipDocument()
                .id(rs.getObject("id", UUID.class))
                .kind(InternshipDocumentKind.fromValue(rs.getString("kind")))
                .fileName(rs.getString("file_name"))
                .contentType(InternshipDocument.ContentTypeEnum.fromValue(rs.getString("content_type")))
                .sizeBytes(rs.getLong("size_bytes"))
                .sha256(rs.getString("sha256"))
                .createdAt(rs.getObject("created_at", OffsetDateTime.class));
    }
}
