package dev.clickstream.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.clickstream.testing.EventsJson;

/** Request bodies that {@code POST /events} must refuse with a 4xx problem, none of them published. */
final class BadInputCorpus {

    /** One bad request: a name, its content type (null for none), its body, and whether to send it chunked. */
    record Case(String name, String contentType, byte[] body, boolean chunked) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String JSON = "application/json";
    private static final String VALID = EventsJson.raw("bad-ann", true, "click", "bad-valid");

    private BadInputCorpus() {
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        // Malformed and truncated JSON
        json(cases, "lone brace", "{");
        json(cases, "closing brace", "}");
        json(cases, "trailing comma", "{\"user\":\"a\",}");
        json(cases, "missing comma", "{\"user\":\"a\" \"is_premium\":true}");
        json(cases, "truncated array", "[" + VALID);
        json(cases, "truncated string", VALID.substring(0, VALID.length() / 2));
        json(cases, "plain text", "not json at all");
        json(cases, "single quotes", "{'user':'a','is_premium':true,'event_type':'c'}");
        json(cases, "bad literal", "{\"user\":\"a\",\"is_premium\":tru,\"event_type\":\"c\"}");
        json(cases, "trailing garbage", VALID + "garbage");
        json(cases, "two roots", VALID + VALID);
        json(cases, "comment", "/* hi */" + VALID);
        json(cases, "NaN", "{\"user\":\"a\",\"is_premium\":NaN,\"event_type\":\"c\"}");
        json(cases, "unquoted key", "{user:\"a\",\"is_premium\":true,\"event_type\":\"c\"}");
        // Wrong types
        json(cases, "user number", "{\"user\":1,\"is_premium\":true,\"event_type\":\"c\"}");
        json(cases, "user boolean", "{\"user\":true,\"is_premium\":true,\"event_type\":\"c\"}");
        json(cases, "user object", "{\"user\":{\"n\":\"a\"},\"is_premium\":true,\"event_type\":\"c\"}");
        json(cases, "premium string", "{\"user\":\"a\",\"is_premium\":\"yes\",\"event_type\":\"c\"}");
        json(cases, "premium \"true\"", "{\"user\":\"a\",\"is_premium\":\"true\",\"event_type\":\"c\"}");
        json(cases, "premium number", "{\"user\":\"a\",\"is_premium\":1,\"event_type\":\"c\"}");
        json(cases, "event_type array", "{\"user\":\"a\",\"is_premium\":true,\"event_type\":[\"c\"]}");
        json(cases, "event_id number", "{\"user\":\"a\",\"is_premium\":true,\"event_type\":\"c\",\"event_id\":7}");
        // Missing fields and nulls
        json(cases, "empty object", "{}");
        json(cases, "no user", "{\"is_premium\":true,\"event_type\":\"c\"}");
        json(cases, "no is_premium", "{\"user\":\"a\",\"event_type\":\"c\"}");
        json(cases, "no event_type", "{\"user\":\"a\",\"is_premium\":true}");
        json(cases, "JSON null", "null");
        json(cases, "null user", "{\"user\":null,\"is_premium\":true,\"event_type\":\"c\"}");
        json(cases, "null premium", "{\"user\":\"a\",\"is_premium\":null,\"event_type\":\"c\"}");
        json(cases, "null event_type", "{\"user\":\"a\",\"is_premium\":true,\"event_type\":null}");
        json(cases, "array of null", "[null]");
        json(cases, "blank user", "{\"user\":\"   \",\"is_premium\":true,\"event_type\":\"c\"}");
        json(cases, "control character", "{\"user\":\"a\\u0007b\",\"is_premium\":true,\"event_type\":\"c\"}");
        // Wrong shapes
        json(cases, "string", "\"an event\"");
        json(cases, "number", "42");
        json(cases, "boolean", "true");
        json(cases, "empty array", "[]");
        json(cases, "nested array", "[[" + VALID + "]]");
        json(cases, "array of numbers", "[1,2,3]");
        json(cases, "one bad in a batch", "[" + VALID + ",5]");
        // Huge strings
        json(cases, "user of 65 chars", event("u".repeat(65)));
        json(cases, "user of 100k chars", event("u".repeat(100_000)));
        json(cases, "event_type of 900k chars", "{\"user\":\"a\",\"is_premium\":true,\"event_type\":\""
                + "t".repeat(900_000) + "\"}");
        // Deep nesting
        json(cases, "5000 nested arrays", "[".repeat(5_000) + "]".repeat(5_000));
        json(cases, "5000 nested objects", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
        json(cases, "deep field", "{\"user\":" + "[".repeat(3_000) + "]".repeat(3_000)
                + ",\"is_premium\":true,\"event_type\":\"c\"}");
        // Bytes that are not UTF-8
        cases.add(new Case("0xFF 0xFE in a string", JSON, concat("{\"user\":\"", new byte[] { (byte) 0xFF,
                (byte) 0xFE }, "\",\"is_premium\":true,\"event_type\":\"c\"}"), false));
        cases.add(new Case("Latin-1 e-acute", JSON, concat("{\"user\":\"caf", new byte[] { (byte) 0xE9 },
                "\",\"is_premium\":true,\"event_type\":\"c\"}"), false));
        cases.add(new Case("lone continuation bytes", JSON, new byte[] { (byte) 0x80, (byte) 0x81, (byte) 0x82 },
                false));
        // Empty bodies
        json(cases, "empty body", "");
        json(cases, "whitespace only", "   \n ");
        // Arrays over the limit
        json(cases, "501 events", batch(501));
        json(cases, "5000 events", batch(5_000));
        // Wrong content types
        cases.add(new Case("text/plain", "text/plain", VALID.getBytes(StandardCharsets.UTF_8), false));
        cases.add(new Case("application/xml", "application/xml", "<event user=\"a\"/>".getBytes(StandardCharsets.UTF_8),
                false));
        cases.add(new Case("no content type", null, VALID.getBytes(StandardCharsets.UTF_8), false));
        cases.add(new Case("form", "application/x-www-form-urlencoded",
                "user=a&is_premium=true&event_type=c".getBytes(StandardCharsets.UTF_8), false));
        cases.add(new Case("multipart", "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\na\r\n--x--\r\n"
                        .getBytes(StandardCharsets.UTF_8), false));
        // Oversized bodies
        byte[] elevenMegabytes = ("[" + "{\"user\":\"a\",\"is_premium\":true,\"event_type\":\"c\"},".repeat(230_000)
                + VALID + "]").getBytes(StandardCharsets.UTF_8);
        cases.add(new Case("11 MB body", JSON, elevenMegabytes, false));
        cases.add(new Case("11 MB body, chunked", JSON, elevenMegabytes, true));
        cases.add(new Case("2 MB string, chunked", JSON, event("u".repeat(2_000_000)).getBytes(StandardCharsets.UTF_8),
                true));
        return cases;
    }

    private static void json(List<Case> cases, String name, String body) {
        cases.add(new Case(name, JSON, body.getBytes(StandardCharsets.UTF_8), false));
    }

    private static String event(String user) {
        return "{\"user\":\"" + user + "\",\"is_premium\":true,\"event_type\":\"c\"}";
    }

    private static String batch(int size) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            events.add(EventsJson.raw("bad-ann", true, "click", "bad-batch-" + i));
        }
        return EventsJson.array(events);
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }
}
