package nl.regiopool.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** The pinned POST, against receivers on 127.0.0.1 under names nothing else resolves. */
class WebhookPostTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static WebhookPost post(Duration timeout) {
        return new WebhookPost((SSLSocketFactory) SSLSocketFactory.getDefault(), timeout);
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
    void readsOnlyTheStatusLineOfAHugeAnswer() throws Exception {
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
}
