package nl.regiopool.http;

import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import nl.regiopool.problem.ProblemException;

/**
 * 413 for a body over the configured size: at once when Content-Length says so, otherwise as soon
 * as the streamed (e.g. chunked) body passes the limit while it is read.
 */
@PreMatching
@Priority(2)
public final class RequestSizeLimit implements ContainerRequestFilter {

    /** The paths that take file uploads (multipart/form-data), and so the higher limit. */
    private static final Pattern UPLOAD_PATHS = Pattern.compile("^/?v1/internship-applicants/[^/]+/documents/?$");

    private final long defaultMaxBytes;
    private final long uploadMaxBytes;

    public RequestSizeLimit(long maxBytes) {
        this(maxBytes, maxBytes);
    }

    public RequestSizeLimit(long maxBytes, long uploadMaxBytes) {
        this.defaultMaxBytes = maxBytes;
        this.uploadMaxBytes = uploadMaxBytes;
    }

    public static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(413, "PAYLOAD_TOO_LARGE", "Payload too large",
                "The request body is larger than " + maxBytes + " bytes.");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long maxBytes = "POST".equals(request.getMethod())
                && UPLOAD_PATHS.matcher(request.getUriInfo().getPath(true)).matches() ? uploadMaxBytes : defaultMaxBytes;
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isOver(length, maxBytes)) {
            throw tooLarge(maxBytes);
        }
        request.setEntityStream(new Counting(request.getEntityStream(), maxBytes));
    }

    private static boolean isOver(String length, long maxBytes) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Thrown while reading; an IOException so that JSON parsing passes it on unwrapped. */
    public static final class TooLargeException extends IOException {
        private final long maxBytes;

        TooLargeException(long maxBytes) {
            super("The request body is larger than " + maxBytes + " bytes.");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    private static final class Counting extends FilterInputStream {
        private final long maxBytes;
        private long count;

        Counting(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws TooLargeException {
            count += n;
            if (count > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
        }
    }
}
