package dev.strata.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A blob upload over a raw socket whose body the test sends in parts, so a request can be held in flight on
 * the server for as long as a test needs (an HTTP client library may buffer a streamed body before sending).
 */
public final class SlowUpload implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;

    private SlowUpload(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Sends the request line, headers and the first {@code firstPart} bytes of a {@code totalLength}-byte body. */
    public static SlowUpload start(int port, String path, String token, String extraHeaders, int totalLength, int firstPart) {
        try {
            SlowUpload upload = new SlowUpload(new Socket("127.0.0.1", port));
            upload.socket.setSoTimeout(30_000);
            upload.out.write(("PUT " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\n" + extraHeaders
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + totalLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            upload.out.write(new byte[firstPart]);
            upload.out.flush();
            return upload;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code rest} more zero bytes and reads the response. */
    public RawResponse finish(int rest) {
        try {
            out.write(new byte[rest]);
            out.flush();
            return RawResponse.read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A status code and body read off the wire. */
    public record RawResponse(int status, String body) {
        static RawResponse read(InputStream in) throws IOException {
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return new RawResponse(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed before the response headers ended");
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }
    }
}
