package nl.regiopool.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** The pinned POST, against receivers on 127.0.0.1 under names nothing else resolves. */
class WebhookPostTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static WebhookPost post(Duration timeout) {
        return post(timeout, 4);
    }

    private static WebhookPost post(Duration timeout, int idlePerTarget) {
        return new WebhookPost((SSLSocketFactory) SSLSocketFactory.getDefault(), timeout, idlePerTarget);
    }

    @Test
    void connectsToTheGivenAddressAndNamesTheHostInTheHostHeader() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(Receiver.status(202));
            int port = URI.create(receiver.url()).getPort();
            URI url = URI.create("http://hooks.linde.example:" + port + "/hooks?koppeling=rooster");

            int status = post(Duration.ofSeconds(5)).post(url, LOOPBACK, Map.of("webhook-id", "msg_1"),
                    "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

            assertThat(status).isEqualTo(202);
            assertThat(receiver.received()).singleElement().satisfies(request -> {
                assertThat(request.header("host")).isEqualTo("hooks.linde.example:" + port);
                assertThat(request.header("webhook-id")).isEqualTo("msg_1");
                assertThat(request.body()).isEqualTo("{\"a\":1}");
            });
        }
    }

    @Test
    void readsNothingOfAHugeAnswersBody() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(Receiver.huge());
            long start = System.nanoTime();
            assertThat(post(Duration.ofSeconds(5)).post(URI.create(receiver.url()), LOOPBACK, Map.of(), new byte[0]))
                    .isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, LOOPBACK)) {
            AtomicReference<Socket> accepted = new AtomicReference<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.set(silent.accept());
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            URI url = URI.create("http://silent.linde.example:" + silent.getLocalPort() + "/in");
            long start = System.nanoTime();
            assertThatThrownBy(() -> post(Duration.ofMillis(500)).post(url, LOOPBACK, Map.of(), new byte[10]))
                    .isInstanceOf(SocketTimeoutException.class);
            // generous: the shared build machine can stall a thread for seconds; a missing deadline would hang
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(9));
            acceptor.join(1000);
            if (accepted.get() != null) {
                accepted.get().close();
            }
        }
    }

    @Test
    void tlsIsSpokenWithTheNameAndAnUnverifiableReceiverIsRefused() throws Exception {
        try (Receiver plain = new Receiver()) {
            int port = URI.create(plain.url()).getPort();
            assertThatThrownBy(() -> post(Duration.ofSeconds(5)).post(URI.create("https://hooks.linde.example:" + port
                    + "/hooks"), LOOPBACK, Map.of(), new byte[0])).isInstanceOf(IOException.class);
            assertThat(plain.received()).as("nothing sent before a verified handshake").isEmpty();
        }
    }

    @Test
    void anAnswerThatIsNotHttpIsAFailure() throws Exception {
        try (ServerSocket chatty = new ServerSocket(0, 1, LOOPBACK)) {
            Thread answerer = new Thread(() -> {
                try (Socket socket = chatty.accept()) {
                    socket.getOutputStream().write("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    // the test is over
                }
            });
            answerer.start();
            assertThatThrownBy(() -> post(Duration.ofSeconds(5)).post(URI.create("http://127.0.0.1:"
                    + chatty.getLocalPort() + "/"), LOOPBACK, Map.of(), new byte[0])).isInstanceOf(IOException.class);
            answerer.join(1000);
        }
    }

    @Test
    void aConnectionCarriesTheNextPostToTheSameReceiver() throws Exception {
        try (KeepAliveReceiver receiver = new KeepAliveReceiver("Content-Length: 2\r\n", "ok", false);
             WebhookPost post = post(Duration.ofSeconds(5))) {
            for (int i = 0; i < 3; i++) {
                assertThat(post.post(receiver.url(), LOOPBACK, Map.of("webhook-id", "msg_" + i),
                        ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
            }
            assertThat(receiver.bodies()).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
            assertThat(receiver.connections()).hasValue(1);
            assertThat(post.idleConnections()).isEqualTo(1);
            post.closeExpired();
            assertThat(post.idleConnections()).as("not idle for long yet").isEqualTo(1);
        }
    }

    @Test
    void connectionsInUseAtOnceAreKeptForTheNextPostsUpToTheLimit() throws Exception {
        int atOnce = 8;
        try (KeepAliveReceiver receiver = new KeepAliveReceiver("Content-Length: 0\r\n", "", false);
             WebhookPost post = post(Duration.ofSeconds(5), atOnce)) {
            for (int wave = 0; wave < 3; wave++) {
                assertThat(postAtOnce(post, receiver, atOnce)).containsOnly(200);
                assertThat(post.idleConnections()).isEqualTo(atOnce);
            }
            assertThat(receiver.connections()).as("opened in the first wave only").hasValue(atOnce);
        }
        try (KeepAliveReceiver receiver = new KeepAliveReceiver("Content-Length: 0\r\n", "", false);
             WebhookPost post = post(Duration.ofSeconds(5), 3)) {
            assertThat(postAtOnce(post, receiver, atOnce)).containsOnly(200);
            assertThat(post.idleConnections()).isEqualTo(3);
        }
    }

    /** Posts from {@code count} threads whose exchanges the receiver holds until all have arrived; their statuses. */
    private static List<Integer> postAtOnce(WebhookPost post, KeepAliveReceiver receiver, int count) throws Exception {
        receiver.answerWhenAllIn(count);
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                posts.add(threads.submit(() -> post.post(receiver.url(), LOOPBACK, Map.of(), new byte[1])));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : posts) {
                statuses.add(status.get(10, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theJdksHttpServerKeepsTheConnectionForTheNextPost() throws Exception {
        try (Receiver receiver = new Receiver(); WebhookPost post = post(Duration.ofSeconds(5))) {
            receiver.answer(Receiver.status(200));
            URI url = URI.create(receiver.url());
            assertThat(post.post(url, LOOPBACK, Map.of(), new byte[1])).isEqualTo(200);
            assertThat(post.idleConnections()).isEqualTo(1);
            assertThat(post.post(url, LOOPBACK, Map.of(), new byte[1])).isEqualTo(200);
            assertThat(post.idleConnections()).isEqualTo(1);
            assertThat(receiver.received()).hasSize(2);
        }
    }

    @Test
    void aConnectionTheReceiverClosedMeanwhileIsReplacedAndThePostSentOnce() throws Exception {
        try (KeepAliveReceiver receiver = new KeepAliveReceiver("Content-Length: 0\r\n", "", true);
             WebhookPost post = post(Duration.ofSeconds(5))) {
            assertThat(post.post(receiver.url(), LOOPBACK, Map.of(), "1".getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
            Thread.sleep(100); // the receiver has closed its end by now

            assertThat(post.post(receiver.url(), LOOPBACK, Map.of(), "2".getBytes(StandardCharsets.UTF_8))).isEqualTo(200);

            assertThat(receiver.bodies()).containsExactly("1", "2");
            assertThat(receiver.connections()).hasValue(2);
        }
    }

    @Test
    void anAnswerWithALongChunkedOrClosingBodyEndsItsConnection() throws Exception {
        for (String head : new String[] {"Content-Length: " + (WebhookPost.REUSABLE_BODY_LIMIT + 1) + "\r\n",
                "Transfer-Encoding: chunked\r\n", "Content-Length: 0\r\nConnection: close\r\n"}) {
            try (KeepAliveReceiver receiver = new KeepAliveReceiver(head, "", false);
                 WebhookPost post = post(Duration.ofSeconds(5))) {
                assertThat(post.post(receiver.url(), LOOPBACK, Map.of(), new byte[1])).isEqualTo(200);
                assertThat(post.post(receiver.url(), LOOPBACK, Map.of(), new byte[1])).isEqualTo(200);

                assertThat(receiver.connections()).as(head).hasValue(2);
                assertThat(post.idleConnections()).isZero();
            }
        }
    }

    @Test
    void aStatusLineLongerThanTheLimitCountsByItsCode() throws Exception {
        try (KeepAliveReceiver receiver = new KeepAliveReceiver("X-Reason: " + "x".repeat(9_000) + "\r\n", "", false,
                "HTTP/1.1 200 " + "O".repeat(9_000));
             WebhookPost post = post(Duration.ofSeconds(5))) {
            assertThat(post.post(receiver.url(), LOOPBACK, Map.of(), new byte[1])).isEqualTo(200);
            assertThat(post.idleConnections()).as("the rest of that answer is not read").isZero();
        }
    }

    @Test
    void anAnswerWhoseBodyNeverComesStillCountsByItsStatus() throws Exception {
        try (KeepAliveReceiver receiver = new KeepAliveReceiver("Content-Length: 100\r\n", "", false);
             WebhookPost post = post(Duration.ofSeconds(8))) {
            long start = System.nanoTime();
            assertThat(post.post(receiver.url(), LOOPBACK, Map.of(), new byte[1])).isEqualTo(200);
            // the rest of the answer is waited for about REST_OF_ANSWER_WAIT, not the whole timeout
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
            assertThat(post.idleConnections()).isZero();
        }
    }

    /**
     * Answers every POST on a connection with 200, the given headers and body, and keeps the connection open for
     * the next (or closes it after each answer, without saying so).
     */
    private static final class KeepAliveReceiver implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        private final AtomicInteger connections = new AtomicInteger();
        private final List<String> bodies = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch allIn = new CountDownLatch(0);

        KeepAliveReceiver(String headers, String body, boolean closeAfterEachAnswer) throws IOException {
            this(headers, body, closeAfterEachAnswer, "HTTP/1.1 200 OK");
        }

        KeepAliveReceiver(String headers, String body, boolean closeAfterEachAnswer, String statusLine)
                throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        connections.incrementAndGet();
                        Thread connection = new Thread(() -> serve(socket, statusLine + "\r\n" + headers, body,
                                closeAfterEachAnswer));
                        connection.setDaemon(true);
                        connection.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void serve(Socket socket, String head, String body, boolean closeAfterEachAnswer) {
            try (socket) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                while (true) {
                    String line = in.readLine();
                    if (line == null) {
                        return;
                    }
                    int length = 0;
                    while (!(line = in.readLine()).isEmpty()) {
                        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    char[] received = new char[length];
                    for (int read = 0; read < length; ) {
                        read += in.read(received, read, length - read);
                    }
                    bodies.add(new String(received));
                    CountDownLatch waiting = allIn;
                    waiting.countDown();
                    waiting.await(5, TimeUnit.SECONDS);
                    socket.getOutputStream().write((head + "\r\n" + body)
                            .getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                    if (closeAfterEachAnswer) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the client closed its end
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }

        URI url() {
            return URI.create("http://hooks.linde.example:" + server.getLocalPort() + "/hooks");
        }

        /** Holds each answer until {@code requests} requests have come in, on any connections. */
        void answerWhenAllIn(int requests) {
            allIn = new CountDownLatch(requests);
        }

        AtomicInteger connections() {
            return connections;
        }

        List<String> bodies() {
            return bodies;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
