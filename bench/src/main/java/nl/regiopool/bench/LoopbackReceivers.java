package nl.regiopool.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stand-ins for members' webhook receivers: HTTP/1.1 on 127.0.0.1, a thread per connection reading one request
 * after another (keep-alive) and answering each with a status and no body. Members' systems run on their own
 * machines; here they share the benchmark's, so they do as little as a receiver can: two system calls a request,
 * no hand-off between threads. Threads are named with the given prefix; the CPU of connections that ended is kept in
 * {@link #endedCpuNanos()}, since a thread that is gone can no longer be asked.
 */
final class LoopbackReceivers implements AutoCloseable {

    /** What a receiver does with one request: the status it answers. */
    interface Handler {
        int answer(String path, byte[] body) throws InterruptedException;
    }

    private static final int HEAD_LIMIT = 16 * 1024;

    private final ServerSocket server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    private final Handler handler;
    private final String threadPrefix;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong endedCpuNanos = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    LoopbackReceivers(String threadPrefix, Handler handler) throws IOException {
        this.handler = handler;
        this.threadPrefix = threadPrefix;
        Thread acceptor = new Thread(this::acceptAll, threadPrefix + "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** CPU used by the threads of connections that have ended. */
    long endedCpuNanos() {
        return endedCpuNanos.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                Thread connection = new Thread(() -> serve(socket), threadPrefix + connections.incrementAndGet());
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = socket.getOutputStream();
            String requestLine;
            while ((requestLine = line(in)) != null) {
                int length = 0;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Integer.parseInt(header.substring(15).trim());
                    }
                }
                byte[] body = in.readNBytes(length);
                String[] parts = requestLine.split(" ", 3);
                int status = handler.answer(parts.length > 1 ? parts[1] : "/", body);
                out.write(("HTTP/1.1 " + status + (status == 200 ? " OK" : " Answer") + "\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | RuntimeException gone) {
            // the deliverer closed its end, or the receivers are closing
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
            endedCpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
        }
    }

    /** A line up to CRLF, without it; null at the end of the stream or past the limit. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int next = in.read(); next != -1; next = in.read()) {
            if (next == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= HEAD_LIMIT) {
                return null;
            }
            line.append((char) next);
        }
        return null;
    }

    /** The top-level {@code occurredAt} of a webhook body: the first one, ahead of the event's data. */
    static String occurredAt(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\"occurredAt\":\"");
        if (start < 0) {
            throw new IllegalArgumentException("no occurredAt in " + text.substring(0, Math.min(200, text.length())));
        }
        start += "\"occurredAt\":\"".length();
        return text.substring(start, text.indexOf('"', start));
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
