package dev.amends.local.servers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;

/** Loopback ports of the local stack's servers. */
public final class Ports {

    /** Where {@link #free()} looks: under the ephemeral range, above what servers usually take. */
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final Random RANDOM = new Random();

    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A loopback port nothing listens on, below Linux's ephemeral range (32768-60999): a port the
     * system hands out for a listener is also what it hands out as the local end of an outgoing
     * connection, so between the pick and a server's bind, a connection to Kafka or PostgreSQL
     * could take it (a service once failed to start so: "port in use").
     */
    public static int free() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FIRST + RANDOM.nextInt(LAST - FIRST);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another one
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Ports() {
    }
}
