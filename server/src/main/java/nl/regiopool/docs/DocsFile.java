package nl.regiopool.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A file of the docs page, read from the classpath once, with a strong ETag of its content. */
record DocsFile(byte[] content, String contentType, String etag) {

    static DocsFile of(byte[] content, String contentType) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return new DocsFile(content, contentType, '"' + HexFormat.of().formatHex(digest, 0, 16) + '"');
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static DocsFile resource(String name, String contentType) {
        return of(read(name), contentType);
    }

    static byte[] read(String name) {
        try (InputStream in = DocsFile.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
