package dev.clickstream;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service with Mutiny's callback decorators off, unless {@code -Dmutiny.disableCallBackDecorators=false}
 * says otherwise.
 * <p>
 * The decorators wrap every Mutiny callback to carry thread contexts (CDI request context, MDC) across threads. The
 * service needs none of that: its REST resources keep no request state across an await, and nothing in the
 * pipeline reads a thread context. Yet the wrapping ran for every record the pipeline wrote, and showed in most of
 * its profiled stacks (src/site/benchmarks.md). Mutiny reads the property once, when it initializes, so it has to
 * be set here, before Quarkus starts.
 */
@QuarkusMain
public final class ClickstreamMain {

    static final String DISABLE_CALLBACK_DECORATORS = "mutiny.disableCallBackDecorators";

    public static void main(String... args) {
        if (System.getProperty(DISABLE_CALLBACK_DECORATORS) == null) {
            System.setProperty(DISABLE_CALLBACK_DECORATORS, "true");
        }
        Quarkus.run(args);
    }
}
