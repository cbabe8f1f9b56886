package dev.clickstream.kafka;

import jakarta.interceptor.Interceptor;

/** The order of the start-up observers that must run before SmallRye Reactive Messaging connects the channels. */
public final class StartupOrder {

    /** A broker of our own, where dev mode runs one: first of all. */
    public static final int BROKER = Interceptor.Priority.PLATFORM_BEFORE;
    /** The declared topics: once a broker may be up, before the channels connect. */
    public static final int TOPICS = BROKER + 10;

    private StartupOrder() {
    }
}
