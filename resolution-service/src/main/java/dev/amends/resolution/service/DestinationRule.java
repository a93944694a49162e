package dev.amends.resolution.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a webhook may go: an {@code https} URL without credentials, whose host connects to public
 * addresses only, unless the operator allows {@code http} and private addresses. Checked when the
 * subscription is made and again on the address each try connects to (a name may resolve elsewhere later).
 */
public final class DestinationRule {

    public static final int MAX_URL_LENGTH = 2000;

    private final boolean allowPrivate;

    public DestinationRule(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** What is wrong with {@code url} as a subscription's target; empty when it may be used. */
    public Optional<String> problem(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.isOpaque()) {
            return Optional.of("must be an absolute URL with a host");
        }
        String scheme = uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            return Optional.of(allowPrivate ? "must be http or https" : "must be https");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(uri.getHost());
            return allowPrivate || Arrays.stream(addresses).noneMatch(DestinationRule::isPrivate) ? Optional.empty()
                    : Optional.of("must not connect to a loopback, link-local or private address");
        } catch (UnknownHostException e) {
            return Optional.of("host " + uri.getHost() + " does not resolve");
        }
    }

    /** The address a try connects to: the first of the host's that the rule allows. */
    public Optional<InetAddress> connectable(InetAddress[] resolved) {
        return Arrays.stream(resolved).filter(address -> allowPrivate || !isPrivate(address)).findFirst();
    }

    /** Loopback, link-local, private (RFC 1918, unique-local), carrier-grade NAT, unspecified or multicast. */
    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || first == 255 || (first == 100 && second >= 64 && second < 128);
        }
        // Java reads an IPv4-mapped IPv6 address (::ffff:10.0.0.1) as the IPv4 address it maps.
        return address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
    }
}
