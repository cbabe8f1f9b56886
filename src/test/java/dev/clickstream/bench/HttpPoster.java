package dev.clickstream.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * POSTs JSON bodies to one URL over at most {@code connections} kept-alive HTTP/1.1 connections, as a load generator
 * with a fixed connection pool does. Each connection is a blocking socket with a thread of its own; one is opened
 * when a request finds more requests waiting than idle connections. A request due while all are busy waits in the
 * queue without holding up the caller; its latency still counts from its due time, so the wait shows in the figures.
 * <p>
 * The probe shares the 2 cores with the broker and the service it measures. With the JDK's {@code HttpClient} the
 * probe's JVM took about a core at 1,000 requests/s (its JIT compilers and the client's own machinery most of it),
 * and a request then waited for a CPU more often in every process; here a request is one write and a read.
 */
final class HttpPoster implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 30_000;

    private record Job(byte[] request, CompletableFuture<Integer> status) {
    }

    private final InetSocketAddress address;
    private final byte[] head;
    private final int connections;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger idle = new AtomicInteger();
    private final List<Connection> open = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile boolean closed;

    HttpPoster(URI url, int connections) {
        this.address = new InetSocketAddress(url.getHost(), url.getPort());
        this.head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        this.connections = connections;
    }

    /** The response's status code, or the I/O failure that ended its connection. */
    CompletableFuture<Integer> post(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + length.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(length, 0, request, head.length, length.length);
        System.arraycopy(body, 0, request, head.length + length.length, body.length);
        Job job = new Job(request, new CompletableFuture<>());
        queue.add(job);
        if (queue.size() > idle.get()) {
            openAnother();
        }
        return job.status();
    }

    /** Fails every request still waiting for a connection, so that none goes out after the run. */
    void cancelWaiting() {
        Job job;
        while ((job = queue.poll()) != null) {
            job.status().completeExceptionally(new IllegalStateException("still waiting for a connection at the end"));
        }
    }

    @Override
    public void close() {
        closed = true;
        cancelWaiting();
        threads.shutdownNow();
        synchronized (open) {
            open.forEach(Connection::disconnect);
        }
    }

    private void openAnother() {
        synchronized (open) {
            if (open.size() < connections && !closed) {
                Connection connection = new Connection();
                open.add(connection);
                threads.execute(connection::serve);
            }
        }
    }

    /** One kept-alive connection and the thread that sends its requests one after the other. */
    private final class Connection {

        private Socket socket;
        private InputStream in;
        private OutputStream out;

        void serve() {
            while (!closed) {
                Job job;
                idle.incrementAndGet();
                try {
                    job = queue.take();
                } catch (InterruptedException e) {
                    return;
                } finally {
                    idle.decrementAndGet();
                }
                try {
                    job.status().complete(exchange(job.request()));
                } catch (IOException | RuntimeException e) {
                    // A broken connection or an answer that is not HTTP: this request failed, the next one
                    // reconnects; the thread goes on serving, so the pool keeps its size.
                    disconnect();
                    job.status().completeExceptionally(e);
                }
            }
        }

        private int exchange(byte[] request) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(address, 5_000);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            }
            out.write(request);
            out.flush();
            return readResponse();
        }

        /** Reads one response whole (its body by Content-Length or in chunks) and returns its status code. */
        private int readResponse() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            long length = 0;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring("content-length:".length()).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long chunk = Long.parseLong(line().split(";", 2)[0].strip(), 16); chunk > 0;
                        chunk = Long.parseLong(line().split(";", 2)[0].strip(), 16)) {
                    skip(chunk);
                    line();
                }
                for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                    // trailers carry nothing the probe needs
                }
            } else {
                skip(length);
            }
            if (close) {
                disconnect();
            }
            return status;
        }

        private String line() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("connection closed by the service");
                }
                if (b != '\r') {
                    bytes.write(b);
                }
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("connection closed by the service");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        void disconnect() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }
}
