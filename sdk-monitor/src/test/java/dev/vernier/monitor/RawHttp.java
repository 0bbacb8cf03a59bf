package dev.vernier.monitor;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain HTTP/1.1 client on a socket, so tests control every header (the JDK client refuses to set
 * Host) and can read an event stream frame by frame, or leave it unread.
 */
final class RawHttp {

    private RawHttp() {
    }

    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }
    }

    record Frame(String id, String event, String data) {
    }

    static Response get(int port, String path, String... headers) throws IOException {
        return request(port, "GET", path, headers);
    }

    static Response request(int port, String method, String path, String... headers) throws IOException {
        try (Socket s = open(port, method, path, headers)) {
            InputStream in = s.getInputStream();
            int status = status(in);
            Map<String, List<String>> h = headers(in);
            byte[] body = "chunked".equalsIgnoreCase(first(h, "transfer-encoding")) ? new Chunked(in).readAllBytes()
                    : in.readAllBytes();
            return new Response(status, h, new String(body, StandardCharsets.UTF_8));
        }
    }

    static Socket open(int port, String method, String path, String... headers) throws IOException {
        return open(InetAddress.getLoopbackAddress(), port, method, path, headers);
    }

    static Socket open(InetAddress address, int port, String method, String path, String... headers)
            throws IOException {
        Socket s = new Socket(address, port);
        s.setSoTimeout(15_000);
        StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        boolean host = false;
        for (String h : headers) {
            host |= h.toLowerCase(Locale.ROOT).startsWith("host:");
            req.append(h).append("\r\n");
        }
        if (!host) {
            req.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        if (method.equals("POST") || method.equals("PUT")) {
            req.append("Content-Length: 2\r\n\r\n{}");
        } else {
            req.append("\r\n");
        }
        OutputStream out = s.getOutputStream();
        out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return s;
    }

    private static String first(Map<String, List<String>> h, String name) {
        List<String> v = h.get(name);
        return v == null ? null : v.get(0);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("connection closed");
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    static int status(InputStream in) throws IOException {
        String line = line(in);
        return Integer.parseInt(line.split(" ")[1]);
    }

    static Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> h = new LinkedHashMap<>();
        String line;
        while (!(line = line(in)).isEmpty()) {
            int colon = line.indexOf(':');
            h.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return h;
    }

    /** An open event stream. */
    static final class Stream implements AutoCloseable {
        final Socket socket;
        final int status;
        final Map<String, List<String>> headers;
        private final BufferedReader reader;

        Stream(int port, String... headers) throws IOException {
            socket = open(port, "GET", "/api/stream", headers);
            InputStream in = socket.getInputStream();
            status = status(in);
            this.headers = headers(in);
            reader = new BufferedReader(new InputStreamReader(
                    "chunked".equalsIgnoreCase(first(this.headers, "transfer-encoding")) ? new Chunked(in) : in,
                    StandardCharsets.UTF_8));
        }

        /** @return the next event (comments and retry lines skipped), or null at the end of the stream */
        Frame next() throws IOException {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        return new Frame(id, event, data.toString());
                    }
                    continue;
                }
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                }
            }
            return null;
        }

        /** @return the next event of that name, skipping others */
        Frame next(String name) throws IOException {
            Frame f;
            while ((f = next()) != null) {
                if (name.equals(f.event())) {
                    return f;
                }
            }
            throw new IOException("stream ended before a '" + name + "' event");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Decodes a chunked body. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private int left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                if (size.isEmpty()) {
                    size = line(in);
                }
                left = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n < 0) {
                done = true;
                return -1;
            }
            left -= n;
            return n;
        }
    }
}
