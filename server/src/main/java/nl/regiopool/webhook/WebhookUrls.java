package nl.regiopool.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which endpoint URLs may be called: https (http only when allowed), and a host that resolves only to public
 * addresses (unless private ones are allowed). Checked at registration and again at every attempt, since what a
 * name resolves to can change; an attempt resolves the host once and connects to the address it checked.
 */
public final class WebhookUrls {

    /** Resolves a host name; tests replace it to control what a name resolves to. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowHttp;
    private volatile boolean allowPrivateAddresses;
    private volatile Resolver resolver = InetAddress::getAllByName;

    public WebhookUrls(boolean allowHttp, boolean allowPrivateAddresses) {
        this.allowHttp = allowHttp;
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    public void resolver(Resolver resolver) {
        this.resolver = resolver;
    }

    public void allowPrivateAddresses(boolean allow) {
        this.allowPrivateAddresses = allow;
    }

    /** Where an attempt connects: the URL and the one address its host was resolved to and checked at; or why not. */
    public record Target(URI uri, InetAddress address, String refusal) {

        static Target refused(String why) {
            return new Target(null, null, why);
        }
    }

    /** Why the URL may not be registered, or empty when it may. */
    public Optional<String> refusal(String url) {
        return Optional.ofNullable(check(url, false).refusal());
    }

    /**
     * The URL for one attempt: its host resolved once (also when private addresses are allowed, as the attempt
     * needs an address) and checked; the attempt connects to exactly {@link Target#address()}.
     */
    public Target forAttempt(String url) {
        return check(url, true);
    }

    private Target check(String url, boolean needAddress) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Target.refused("the URL is malformed");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return Target.refused(allowHttp ? "the URL must be http or https" : "the URL must be https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Target.refused("the URL needs a host, and no user info or fragment");
        }
        boolean checkAddresses = !allowPrivateAddresses;
        if (!checkAddresses && !needAddress) {
            return new Target(uri, null, null);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(unbracketed(uri.getHost()));
        } catch (UnknownHostException e) {
            return Target.refused("the host " + uri.getHost() + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            return Target.refused("the host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : checkAddresses ? addresses : new InetAddress[0]) {
            if (!isPublic(address)) {
                return Target.refused("the host " + uri.getHost() + " resolves to a loopback, private, link-local or"
                        + " metadata address (" + address.getHostAddress() + ")");
            }
        }
        return new Target(uri, addresses[0], null);
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // shared address space
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) { // unique local fc00::/7, includes fd00:ec2::254 (metadata)
                return false;
            }
            if (isIpv4Mapped(bytes)) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}
