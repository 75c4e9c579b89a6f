package nl.regiopool.internship;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Where document bytes are kept. The default keeps them in PostgreSQL, in the write's transaction; another store
 * (e.g. S3-compatible) would write the object first and its reference in the transaction.
 */
public interface DocumentStore {

    void put(Handle handle, UUID tenantId, UUID documentId, byte[] content);

    Optional<byte[]> get(Handle handle, UUID documentId);

    void delete(Handle handle, UUID documentId);
}
