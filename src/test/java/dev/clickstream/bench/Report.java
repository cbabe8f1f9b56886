package dev.clickstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's tables, printed as text and written as Markdown into a report file, between the
 * {@code <!-- results -->} and {@code <!-- /results -->} markers so that the prose around them is kept.
 */
final class Report {

    static final String START = "<!-- results -->";
    static final String END = "<!-- /results -->";

    private final StringBuilder markdown = new StringBuilder();
    private final StringBuilder text = new StringBuilder();

    void paragraph(String line) {
        markdown.append(line).append("\n\n");
        text.append(line).append('\n');
    }

    void table(String title, List<String> header, List<List<String>> rows) {
        markdown.append("#### ").append(title).append("\n\n");
        markdown.append("| ").append(String.join(" | ", header)).append(" |\n");
        markdown.append("|").append("---|".repeat(header.size())).append('\n');
        rows.forEach(row -> markdown.append("| ").append(String.join(" | ", row)).append(" |\n"));
        markdown.append('\n');

        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>(rows);
        all.add(0, header);
        all.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        text.append('\n').append(title).append('\n');
        all.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                text.append(i == 0 ? "  " : " | ").append(String.format("%-" + widths[i] + "s", row.get(i)));
            }
            text.append('\n');
        });
    }

    String text() {
        return text.toString();
    }

    /** Replaces the results between the markers of {@code file}, or writes a file with just the results. */
    void writeTo(Path file) throws IOException {
        String results = START + "\n" + markdown + END;
        String content = results + "\n";
        if (Files.exists(file)) {
            String existing = Files.readString(file);
            int start = existing.indexOf(START);
            int end = existing.indexOf(END);
            if (start >= 0 && end > start) {
                content = existing.substring(0, start) + results + existing.substring(end + END.length());
            }
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, content);
    }
}
