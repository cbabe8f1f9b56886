package dev.clickstream.view;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The view of recent processed events. */
@ConfigMapping(prefix = "clickstream.view")
public interface ViewConfig {

    /** How many processed events the view keeps; also the largest {@code limit} of the GET. */
    @WithDefault("100")
    int capacity();

    /** How many events {@code GET /events/processed} returns without a {@code limit}. */
    @WithDefault("20")
    int defaultLimit();
}
