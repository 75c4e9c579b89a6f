package nl.regiopool.http;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import nl.regiopool.problem.ProblemException;

/** Entity versions as strong ETags ({@code "3"}), and the If-Match rules for updates (RFC 9110 13.1.1). */
public final class ETags {

    private static final int QUOTED_IN_DETAIL = 40;

    private ETags() {
    }

    public static EntityTag of(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /** The header value of {@link #of}: {@code "3"}. */
    public static String header(int version) {
        return "\"" + version + "\"";
    }

    /**
     * What an update's If-Match accepts: 428 when it is missing, 400 when it is neither {@code *} nor a list
     * of entity tags. Read it before any work, then {@link IfMatch#require} it against the locked version.
     */
    public static IfMatch ifMatch(String header) {
        if (header == null || header.isBlank()) {
            throw missing();
        }
        if (header.trim().equals("*")) {
            return new IfMatch(true, List.of());
        }
        return new IfMatch(false, strongTags(header));
    }

    /** 428: the update names no version it expects. */
    public static ProblemException missing() {
        return new ProblemException(428, "PRECONDITION_REQUIRED", "Precondition required",
                "This update needs an If-Match header with the ETag of the version you read (or *).");
    }

    /**
     * The opaque parts of the strong tags in {@code #entity-tag}; weak tags are parsed but dropped, since
     * If-Match compares strongly and a weak tag never matches.
     */
    private static List<String> strongTags(String header) {
        List<String> strong = new ArrayList<>();
        int at = 0;
        int length = header.length();
        boolean expectTag = true;
        while (at < length) {
            char c = header.charAt(at);
            if (c == ' ' || c == '\t') {
                at++;
            } else if (c == ',') {
                expectTag = true;
                at++;
            } else if (!expectTag) {
                throw malformed(header);
            } else {
                boolean weak = header.startsWith("W/", at);
                int open = weak ? at + 2 : at;
                if (open >= length || header.charAt(open) != '"') {
                    throw malformed(header);
                }
                int close = header.indexOf('"', open + 1);
                if (close < 0) {
                    throw malformed(header);
                }
                String opaque = header.substring(open + 1, close);
                if (!opaque.chars().allMatch(ch -> ch == 0x21 || (ch >= 0x23 && ch <= 0x7E) || ch >= 0x80)) {
                    throw malformed(header);
                }
                if (!weak) {
                    strong.add(opaque);
                }
                expectTag = false;
                at = close + 1;
            }
        }
        if (expectTag && strong.isEmpty()) {
            throw malformed(header);
        }
        return strong;
    }

    private static ProblemException malformed(String header) {
        String shown = header.length() > QUOTED_IN_DETAIL ? header.substring(0, QUOTED_IN_DETAIL) + "…" : header;
        return new ProblemException(400, "MALFORMED_IF_MATCH", "Malformed If-Match",
                "If-Match must be the ETag you read, in double quotes as it was sent (\"<etag>\", e.g. \"3\"), "
                        + "or * for any current version; got: " + shown);
    }

    /** 412 with the current version's ETag, so the client can re-read or retry in one step. */
    public static ProblemException stale(int currentVersion) {
        return new ProblemException(412, "PRECONDITION_FAILED", "Precondition failed",
                "The object has changed since you read it (If-Match does not match its ETag " + header(currentVersion)
                        + "); read it again.")
                .withHeader(HttpHeaders.ETAG, header(currentVersion));
    }

    /** A parsed If-Match: {@code *}, or the strong tags it lists. */
    public record IfMatch(boolean any, List<String> strongTags) {

        /** Passes when the current version matches; throws 412 naming the current ETag otherwise. */
        public void require(int currentVersion) {
            if (!any && !strongTags.contains(Integer.toString(currentVersion))) {
                throw stale(currentVersion);
            }
        }
    }
}
