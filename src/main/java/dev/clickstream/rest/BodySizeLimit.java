package dev.clickstream.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body over {@code clickstream.http.max-body-size} with a 413 problem, like every other client error:
 * before reading it when its {@code Content-Length} says so, and, for a chunked body, as soon as more than the
 * limit has been read, so no more is ever held. (The HTTP layer's own, larger cap answers with an empty 413.)
 */
@jakarta.ws.rs.ext.Provider
public class BodySizeLimit implements ReaderInterceptor {

    // A Provider: filters are created at static init, before runtime configuration exists.
    @Inject
    Provider<HttpConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response limitAnnouncedSize(ContainerRequestContext request) {
        long max = max();
        if (request.getLength() > max) {
            return ProblemMappers.problem(BodyTooLargeException.problem(max));
        }
        return null;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new LimitedInputStream(context.getInputStream(), max()));
        return context.proceed();
    }

    private long max() {
        return config.get().maxBodySize().asLongValue();
    }

    /** Fails once more than {@code max} bytes were read; hand-written, as nothing on the classpath does it. */
    static final class LimitedInputStream extends FilterInputStream {

        private final long max;
        private long read;

        LimitedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            return b < 0 ? b : count(b, 1);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            return n < 0 ? n : count(n, n);
        }

        private int count(int result, int bytes) {
            read += bytes;
            if (read > max) {
                throw new BodyTooLargeException(max);
            }
            return result;
        }
    }
}
