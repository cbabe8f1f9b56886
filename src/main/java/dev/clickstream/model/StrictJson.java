package dev.clickstream.model;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

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
    private static final JsonFactory TOKENS = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> EVENT_FIELDS = Set.of(RawEventRules.USER, RawEventRules.IS_PREMIUM,
            RawEventRules.EVENT_TYPE, RawEventRules.EVENT_ID);
    /** Stands for a number, array or object: of such a value the rules judge only that it is neither text nor boolean. */
    private static final JsonNode NEITHER_TEXT_NOR_BOOLEAN = JsonNodeFactory.instance.numberNode(0);

    private StrictJson() {
    }

    /** The JSON value these bytes hold; an {@link IOException} (a Jackson one) when they are not exactly one. */
    public static JsonNode parse(byte[] json) throws IOException {
        return TREES.readValue(json);
    }

    /**
     * What {@link RawEventRules} judges of the one JSON value these bytes hold, as strictly parsed as by
     * {@link #parse}: an object holding only the raw event's fields (a number, array or object among them as a
     * stand-in of its type), or a stand-in for a value that is not an object. Read token by token, without the whole
     * tree: the Kafka path does this for every record.
     */
    public static JsonNode eventFields(byte[] json) throws IOException {
        try (JsonParser parser = TOKENS.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonParseException(parser, "No content to map due to end-of-input");
            }
            JsonNode value = first == JsonToken.START_OBJECT ? fieldsOf(parser) : skip(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonParseException(parser, "Trailing token (of type " + trailing + ") found after value");
            }
            return value;
        }
    }

    private static ObjectNode fieldsOf(JsonParser parser) throws IOException {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            if (EVENT_FIELDS.contains(name)) {
                fields.set(name, switch (token) {
                    case VALUE_STRING -> TextNode.valueOf(parser.getText());
                    case VALUE_TRUE, VALUE_FALSE -> BooleanNode.valueOf(token == JsonToken.VALUE_TRUE);
                    case VALUE_NULL -> NullNode.getInstance();
                    default -> skip(parser);
                });
            } else {
                parser.skipChildren();
            }
        }
        return fields;
    }

    /** Reads past the current value (every token of it, so a field given twice inside is still refused). */
    private static JsonNode skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return NEITHER_TEXT_NOR_BOOLEAN;
    }
}
