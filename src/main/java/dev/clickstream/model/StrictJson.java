package dev.clickstream.model;

import java.io.IOException;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How raw events' JSON is parsed, alike for a {@code POST /events} body and a record on {@code raw_events}: anything
 * after the first JSON value ({@code {...}garbage}, two events side by side), a field given twice, and an empty
 * input are malformed, not ignored, overwritten or taken for no event. Types and values are judged afterwards, on
 * the tree, by {@link RawEventRules}.
 */
public final class StrictJson {

    private static final ObjectReader TREES = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build().readerFor(JsonNode.class);

    private StrictJson() {
    }

    /** The JSON value these bytes hold; an {@link IOException} (a Jackson one) when they are not exactly one. */
    public static JsonNode parse(byte[] json) throws IOException {
        return TREES.readValue(json);
    }
}
