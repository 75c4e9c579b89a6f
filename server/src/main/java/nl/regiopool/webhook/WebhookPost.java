package nl.regiopool.webhook;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to exactly the address given, which the caller resolved and checked: the connection never
 * looks the host up again, so a name that rebinds between the check and the connect cannot redirect it. TLS
 * still names the host (SNI) and verifies the certificate against it, and the Host header carries it.
 *
 * <p>A connection carries the next POST to the same address, port and host if its answer was read to the end: a
 * Content-Length of at most {@link #REUSABLE_BODY_LIMIT} bytes (or no body), headers within
 * {@link #HEAD_LIMIT}, and no "Connection: close". Any other answer (a long or chunked body, HTTP/1.0) ends the
 * connection after its status line, unread. An idle connection is kept {@link #IDLE_TIMEOUT}; one the receiver
 * closed meanwhile fails before its answer starts, and the POST goes once more on a new connection. Per delivery
 * that saves a TCP (and TLS) handshake on both sides.
 *
 * <p>Up to {@code idlePerTarget} connections to one target are kept: endpoints of many members often share a host
 * (their rostering vendor's), and the deliverer posts to each endpoint from its own sender thread, so as many
 * connections to that host as there are sender threads can be in use at once. Keeping only a few made nearly every
 * run of deliveries to such a host open a connection of its own.
 */
final class WebhookPost implements AutoCloseable {

    /** The longest status line read; a receiver sending more gets no further. */
    private static final int STATUS_LINE_LIMIT = 8 * 1024;
    /** The most header bytes read after the status line; an answer with more ends its connection. */
    static final int HEAD_LIMIT = 16 * 1024;
    /** The longest body read to its end so the connection can be used again. */
    static final int REUSABLE_BODY_LIMIT = 16 * 1024;
    /** Below the 5 s after which common servers (Node, Apache) close an idle connection. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);
    /** How long the rest of an answer may take after its status line before the connection is given up. */
    static final Duration REST_OF_ANSWER_WAIT = Duration.ofSeconds(1);

    private final SSLSocketFactory tls;
    private final Duration timeout;
    private final int idlePerTarget;
    private final ConcurrentHashMap<Target, Deque<Idle>> idle = new ConcurrentHashMap<>();

    WebhookPost(SSLSocketFactory tls, Duration timeout, int idlePerTarget) {
        this.tls = tls;
        this.timeout = timeout;
        this.idlePerTarget = idlePerTarget;
    }

    /** Where a connection goes: the checked address, the port, and the host it names (Host header, SNI). */
    private record Target(InetAddress address, int port, String host, boolean https) {
    }

    private record Idle(Socket socket, InputStream in, long since) {
    }

    /** A reused connection that failed before its answer started: the receiver had closed it. */
    private static final class Stale extends IOException {
        Stale(IOException cause) {
            super(cause);
        }
    }

    /** The answer's status code; a {@link SocketTimeoutException} when the whole exchange took longer than the timeout. */
    int post(URI url, InetAddress address, Map<String, String> headers, byte[] body) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean https = url.getScheme().toLowerCase(Locale.ROOT).equals("https");
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        Target target = new Target(address, port, url.getHost(), https);
        byte[] head = head(url, target.host(), port, https, headers, body.length).getBytes(StandardCharsets.ISO_8859_1);
        Idle reused = takeIdle(target);
        if (reused != null) {
            try {
                return exchange(target, reused.socket(), reused.in(), true, head, body, deadline);
            } catch (Stale closedByReceiver) {
                // sent again below, on a new connection
            }
        }
        Socket socket = connect(target, deadline);
        return exchange(target, socket, new BufferedInputStream(socket.getInputStream(), 512), false, head, body,
                deadline);
    }

    private Socket connect(Target target, long deadline) throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(target.address(), target.port()), remainingMillis(deadline));
            return target.https() ? secure(plain, target.host(), target.port(), deadline) : plain;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private int exchange(Target target, Socket socket, InputStream in, boolean reused, byte[] head, byte[] body,
                         long deadline) throws IOException {
        boolean keep = false;
        try {
            socket.setSoTimeout(remainingMillis(deadline));
            String statusLine;
            try {
                // one write: a socket's stream sends each write on its own (a segment, or a TLS record)
                byte[] request = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, request, head.length, body.length);
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                statusLine = statusLine(socket, in, deadline);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                if (reused) {
                    throw new Stale(e);
                }
                throw e;
            }
            String[] parts = statusLine.trim().split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
                throw new NotHttp();
            }
            int status = Integer.parseInt(parts[1]);
            keep = parts[0].equals("HTTP/1.1") && status >= 200 && readsToTheEnd(socket, in, status,
                    Math.min(deadline, System.nanoTime() + REST_OF_ANSWER_WAIT.toNanos()));
            return status;
        } finally {
            if (keep) {
                offerIdle(target, socket, in);
            } else {
                socket.close();
            }
        }
    }

    /** An answer that is not HTTP/1.x (or none at all, on a new connection). */
    private static final class NotHttp extends IOException {
        NotHttp() {
            super("not an HTTP/1.1 answer");
        }
    }

    private Socket secure(Socket plain, String host, int port, long deadline) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(remainingMillis(deadline));
        socket.startHandshake();
        return socket;
    }

    private static String head(URI url, String host, int port, boolean https, Map<String, String> headers, int length) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        boolean defaultPort = url.getPort() == -1 || port == (https ? 443 : 80);
        String hostHeader = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + (defaultPort ? "" : ":" + port);
        StringBuilder head = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("Content-Length: ").append(length).append("\r\n\r\n").toString();
    }

    /**
     * Reads "HTTP/1.1 200 OK" up to the line's end or {@link #STATUS_LINE_LIMIT}, each read within what is left of
     * the deadline.
     */
    private static String statusLine(Socket socket, InputStream in, long deadline) throws IOException {
        String line = line(socket, in, deadline, STATUS_LINE_LIMIT, true);
        if (line == null) {
            throw new EOFException("the connection closed before an answer");
        }
        return line;
    }

    /**
     * Reads the headers and a body of a known, short length, so the connection can carry the next POST; false when
     * it cannot: the receiver closes it, the body is long or of unknown length, the headers run long, or the rest
     * of the answer is slow or breaks off. The status is the answer either way.
     */
    private static boolean readsToTheEnd(Socket socket, InputStream in, int status, long deadline) {
        try {
            return readToTheEnd(socket, in, status, deadline);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean readToTheEnd(Socket socket, InputStream in, int status, long deadline) throws IOException {
        long length = status == 204 || status == 304 ? 0 : -1;
        boolean close = false;
        int headBytes = 0;
        while (true) {
            String line = line(socket, in, deadline, HEAD_LIMIT - headBytes, false);
            if (line == null) {
                return false;
            }
            if (line.isEmpty()) {
                break;
            }
            headBytes += line.length() + 2;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return false;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("connection") && value.toLowerCase(Locale.ROOT).contains("close")) {
                close = true;
            } else if (name.equals("transfer-encoding")) {
                return false;
            } else if (name.equals("content-length") && length == -1) {
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        if (close || length < 0 || length > REUSABLE_BODY_LIMIT) {
            return false;
        }
        for (long left = length; left > 0; left--) {
            socket.setSoTimeout(remainingMillis(deadline));
            if (in.read() == -1) {
                return false;
            }
        }
        return in.available() == 0;
    }

    /**
     * A line up to CRLF (or LF), without it; null at the end of the stream. Past {@code limit} bytes, the bytes read
     * if {@code truncate}, else null. Each read waits at most what is left of the deadline.
     */
    private static String line(Socket socket, InputStream in, long deadline, int limit, boolean truncate)
            throws IOException {
        StringBuilder line = new StringBuilder();
        while (line.length() < limit) {
            socket.setSoTimeout(remainingMillis(deadline));
            int next = in.read();
            if (next == -1) {
                return line.length() == 0 ? null : line.toString();
            }
            if (next == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) next);
        }
        return truncate ? line.toString() : null;
    }

    private Idle takeIdle(Target target) {
        Deque<Idle> waiting = idle.get(target);
        if (waiting == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Idle candidate; (candidate = waiting.pollFirst()) != null; ) {
            if (now - candidate.since() < IDLE_TIMEOUT.toNanos() && !candidate.socket().isClosed()) {
                return candidate;
            }
            closeQuietly(candidate.socket());
        }
        return null;
    }

    private void offerIdle(Target target, Socket socket, InputStream in) {
        Deque<Idle> waiting = idle.computeIfAbsent(target, any -> new ConcurrentLinkedDeque<>());
        if (waiting.size() >= idlePerTarget) {
            closeQuietly(socket);
            return;
        }
        waiting.addFirst(new Idle(socket, in, System.nanoTime()));
    }

    /** Closes the connections idle longer than {@link #IDLE_TIMEOUT}; the deliverer calls it on every pass. */
    void closeExpired() {
        long now = System.nanoTime();
        idle.forEach((target, waiting) -> waiting.removeIf(candidate -> {
            if (now - candidate.since() < IDLE_TIMEOUT.toNanos()) {
                return false;
            }
            closeQuietly(candidate.socket());
            return true;
        }));
        idle.entrySet().removeIf(entry -> entry.getValue().isEmpty());
    }

    /** Connections idle now. */
    int idleConnections() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    @Override
    public void close() {
        idle.forEach((target, waiting) -> {
            for (Idle candidate; (candidate = waiting.pollFirst()) != null; ) {
                closeQuietly(candidate.socket());
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("no answer within the timeout");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static boolean isLiteral(String host) {
        return host.startsWith("[") || host.contains(":") || host.matches("[0-9.]+");
    }
}
