package dev.amends.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends a body with {@code Transfer-Encoding: chunked} (no {@code Content-Length} for the server
 * to check first) over a plain socket, and stops writing as soon as the server answers: the way a
 * client streams a body of unknown length, and the way to see whether a server reads all of it.
 */
public final class ChunkedPost {

    private static final int CHUNK = 8 * 1024;

    /** The answer, and how many body bytes were written before it came. */
    public record Answer(int status, Map<String, String> headers, String body, long bytesWritten) {

        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private ChunkedPost() {
    }

    public static Answer send(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        return send(method, uri, headers, body.length, offset -> body[(int) offset]);
    }

    /** A body of {@code length} bytes made on the fly, so that a large one never sits on the heap here. */
    public static Answer send(String method, URI uri, Map<String, String> headers, long length, ByteAt bytes)
            throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder(method + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\nTransfer-Encoding: chunked\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            long written = 0;
            byte[] chunk = new byte[CHUNK];
            try {
                while (written < length && in.available() == 0) {
                    int size = (int) Math.min(CHUNK, length - written);
                    for (int i = 0; i < size; i++) {
                        chunk[i] = bytes.at(written + i);
                    }
                    out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk, 0, size);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    written += size;
                }
                if (written == length) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException serverStoppedReading) {
                // The server answered and closed while we were still writing: read its answer.
            }
            return read(in, written);
        }
    }

    /** The byte at an offset of a generated body. */
    @FunctionalInterface
    public interface ByteAt {
        byte at(long offset);
    }

    /** A generated body: {@code prefix}, then {@code filler} up to {@code length}. */
    public static ByteAt padded(byte[] prefix, byte filler) {
        return offset -> offset < prefix.length ? prefix[(int) offset] : filler;
    }

    private static Answer read(InputStream in, long written) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(in);
        } else {
            body = in.readAllBytes();
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), written);
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
             size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed mid-answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
