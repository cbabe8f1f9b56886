package dev.clickstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports nobody listens on right now, so that builds running side by side never collide. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port the operating system just handed out as free; bind it soon, or use it as a port where nothing listens. */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
