package nl.regiopool.http;

import jakarta.ws.rs.core.EntityTag;

/** Entity versions as strong ETags ({@code "3"}), and the If-Match rules for updates. */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /**
     * The version an update expects: 428 when If-Match is missing, 412 when it cannot match.
     * A weak or malformed tag never matches a version.
     */
    public static int expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "PRECONDITION_REQUIRED", "Precondition required",
                    "This update needs an If-Match header with the ETag of the version you read.");
        }
        String tag = ifMatch.trim();
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return Integer.parseInt(tag.substring(1, tag.length() - 1));
            } catch (NumberFormatException ignored) {
                // falls through to 412
            }
        }
        throw stale();
    }

    public static ProblemException stale() {
        return new ProblemException(412, "PRECONDITION_FAILED", "Precondition failed",
                "The object has changed since you read it (If-Match does not match its ETag); read it again.");
    }
}
