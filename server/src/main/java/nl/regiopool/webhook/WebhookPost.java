package nl.regiopool.webhook;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to exactly the address given, which the caller resolved and checked: the connection never
 * looks the host up again, so a name that rebinds between the check and the connect cannot redirect it. TLS
 * still names the host (SNI) and verifies the certificate against it, and the Host header carries it. Only the
 * status line is read; the rest of the answer is dropped with the connection.
 */
final class WebhookPost {

    /** The longest status line read; a receiver sending more gets no further. */
    private static final int STATUS_LINE_LIMIT = 8 * 1024;

    private final SSLSocketFactory tls;
    private final Duration timeout;

    WebhookPost(SSLSocketFactory tls, Duration timeout) {
        this.tls = tls;
        this.timeout = timeout;
    }

    /** The answer's status code; a {@link SocketTimeoutException} when the whole exchange took longer than the timeout. */
    int post(URI url, InetAddress address, Map<String, String> headers, byte[] body) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean https = url.getScheme().toLowerCase(Locale.ROOT).equals("https");
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String host = url.getHost();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
            Socket socket = https ? secure(plain, host, port, deadline) : plain;
            try {
                socket.setSoTimeout(remainingMillis(deadline));
                OutputStream out = socket.getOutputStream();
                out.write(head(url, host, port, https, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                return status(socket, deadline);
            } finally {
                socket.close();
            }
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
        return head.append("Content-Length: ").append(length).append("\r\n")
                .append("Connection: close\r\n\r\n").toString();
    }

    /** Reads "HTTP/1.1 200 OK" up to the line's end, each read within what is left of the deadline. */
    private static int status(Socket socket, long deadline) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream(), 512);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int next;
        while (line.size() < STATUS_LINE_LIMIT) {
            socket.setSoTimeout(remainingMillis(deadline));
            next = in.read();
            if (next == -1 || next == '\n') {
                break;
            }
            line.write(next);
        }
        String[] parts = line.toString(StandardCharsets.ISO_8859_1).trim().split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP/1.1 answer");
        }
        return Integer.parseInt(parts[1]);
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
