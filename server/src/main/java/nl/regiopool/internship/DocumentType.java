package nl.regiopool.internship;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What a document is, decided by its bytes alone: a PDF ({@code %PDF-} at the start, {@code %%EOF} near the end)
 * or a DOCX (a ZIP holding {@code [Content_Types].xml} and {@code word/document.xml}). The declared type and
 * the file name are never trusted. The ZIP is read with limits on entries and inflated bytes against zip bombs.
 */
public enum DocumentType {
    PDF("application/pdf", "pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");

    static final int MAX_ZIP_ENTRIES = 1_000;
    static final long MAX_INFLATED_BYTES = 100L * 1024 * 1024;
    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PDF_TRAILER = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    /** PDF writers may put a little whitespace after the last %%EOF. */
    private static final int PDF_TRAILER_WINDOW = 1024;

    private final String mediaType;
    private final String extension;

    DocumentType(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public static Optional<DocumentType> ofMediaType(String mediaType) {
        for (DocumentType type : values()) {
            if (type.mediaType.equals(mediaType)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type of these bytes, or empty when they are neither a PDF nor a DOCX. */
    public static Optional<DocumentType> detect(byte[] content) {
        if (isPdf(content)) {
            return Optional.of(PDF);
        }
        if (isDocx(content)) {
            return Optional.of(DOCX);
        }
        return Optional.empty();
    }

    static boolean isPdf(byte[] content) {
        if (!startsWith(content, PDF_HEADER)) {
            return false;
        }
        int from = Math.max(PDF_HEADER.length, content.length - PDF_TRAILER_WINDOW);
        for (int i = content.length - PDF_TRAILER.length; i >= from; i--) {
            if (regionEquals(content, i, PDF_TRAILER)) {
                return true;
            }
        }
        return false;
    }

    static boolean isDocx(byte[] content) {
        return isDocx(content, MAX_ZIP_ENTRIES, MAX_INFLATED_BYTES);
    }

    static boolean isDocx(byte[] content, int maxEntries, long maxInflatedBytes) {
        if (content.length < 4 || content[0] != 'P' || content[1] != 'K' || content[2] != 3 || content[3] != 4) {
            return false;
        }
        Set<String> names = new HashSet<>();
        long inflated = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            int entries = 0;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > maxEntries) {
                    return false;
                }
                names.add(entry.getName());
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    inflated += n;
                    if (inflated > maxInflatedBytes) {
                        return false;
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        return names.contains("[Content_Types].xml") && names.contains("word/document.xml");
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && regionEquals(content, 0, prefix);
    }

    private static boolean regionEquals(byte[] content, int at, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (content[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A file name safe in a header and on any disk: letters, digits, '.', '-' and '_' only, at most 120
     * characters, ending in this type's extension.
     */
    public String safeFileName(String uploaded) {
        String name = uploaded == null ? "" : uploaded.replaceAll(".*[/\\\\]", "");
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9_-]+", "_")
                .replaceAll("^[_.-]+", "");
        if (stem.isEmpty()) {
            stem = "document";
        }
        int room = 120 - extension.length() - 1;
        return (stem.length() > room ? stem.substring(0, room) : stem) + "." + extension;
    }
}
