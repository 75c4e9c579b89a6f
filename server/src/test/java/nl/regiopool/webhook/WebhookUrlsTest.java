package nl.regiopool.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlsTest {

    private static WebhookUrls resolvingTo(String address, boolean allowHttp, boolean allowPrivate) {
        WebhookUrls urls = new WebhookUrls(allowHttp, allowPrivate);
        urls.resolver(host -> new InetAddress[] {InetAddress.getByName(address)});
        return urls;
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
            "0.0.0.0", "100.64.0.1", "::1", "fe80::1", "fd00:ec2::254", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
            "224.0.0.1", "255.255.255.255"})
    void refusesHostsThatResolveToNonPublicAddresses(String address) {
        assertThat(resolvingTo(address, false, false).refusal("https://hooks.member.example/in"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("resolves to"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8"})
    void acceptsPublicAddresses(String address) {
        assertThat(resolvingTo(address, false, false).refusal("https://hooks.member.example/in")).isEmpty();
    }

    @Test
    void privateAddressesOnlyWhenAllowed() {
        assertThat(resolvingTo("127.0.0.1", false, true).refusal("https://localhost/in")).isEmpty();
    }

    @Test
    void httpsOnlyUnlessHttpIsAllowed() {
        assertThat(resolvingTo("8.8.8.8", false, false).refusal("http://hooks.member.example/in"))
                .contains("the URL must be https");
        assertThat(resolvingTo("8.8.8.8", true, false).refusal("http://hooks.member.example/in")).isEmpty();
        assertThat(resolvingTo("8.8.8.8", true, false).refusal("ftp://hooks.member.example/in")).isPresent();
    }

    @Test
    void malformedUrlsAndUnknownHostsAreRefused() {
        WebhookUrls urls = new WebhookUrls(false, false);
        urls.resolver(host -> {
            throw new UnknownHostException(host);
        });
        assertThat(urls.refusal("https://exa mple.org/")).contains("the URL is malformed");
        assertThat(urls.refusal("https:///path")).isPresent();
        assertThat(urls.refusal("https://user:pw@hooks.member.example/")).isPresent();
        assertThat(urls.refusal("https://nowhere.example/")).hasValueSatisfying(r -> assertThat(r).contains("does not resolve"));
    }

    @Test
    void anAttemptGetsTheOneAddressItsHostWasCheckedAt() throws Exception {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        WebhookUrls urls = new WebhookUrls(false, false);
        urls.resolver(host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("8.8.8.8")};
        });
        WebhookUrls.Target target = urls.forAttempt("https://hooks.member.example:8443/in");
        assertThat(target.refusal()).isNull();
        assertThat(target.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(target.uri().getHost()).isEqualTo("hooks.member.example");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void anAttemptIsRefusedWhenAnyAnswerIsPrivateAndResolvesEvenWhenPrivateAddressesAreAllowed() throws Exception {
        WebhookUrls strict = new WebhookUrls(false, false);
        strict.resolver(host -> new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")});
        assertThat(strict.forAttempt("https://hooks.member.example/in").refusal()).contains("10.0.0.7");
        assertThat(resolvingTo("127.0.0.1", false, true).forAttempt("https://localhost/in").address().getHostAddress())
                .isEqualTo("127.0.0.1");
        WebhookUrls unresolvable = new WebhookUrls(false, true);
        unresolvable.resolver(host -> {
            throw new UnknownHostException(host);
        });
        assertThat(unresolvable.refusal("https://nowhere.example/in")).as("registration in development").isEmpty();
        assertThat(unresolvable.forAttempt("https://nowhere.example/in").refusal()).contains("does not resolve");
    }
}
