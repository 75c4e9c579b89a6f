package nl.regiopool.internship;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Documents as bytea in {@code internship_document_content}, under the same row-level security as the rest. */
public final class PostgresDocumentStore implements DocumentStore {

    @Override
    public void put(Handle handle, UUID tenantId, UUID documentId, byte[] content) {
        DocumentDao.putContent(handle, tenantId, documentId, content);
    }

    @Override
    public Optional<byte[]> get(Handle handle, UUID documentId) {
        return DocumentDao.content(handle, documentId);
    }

    @Override
    public void delete(Handle handle, UUID documentId) {
        DocumentDao.deleteContent(handle, documentId);
    }
}
