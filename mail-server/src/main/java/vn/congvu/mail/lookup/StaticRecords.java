package vn.congvu.mail.lookup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DNS records written in a file, answered before the resolver: peer government domains on a private network whose
 * names no public DNS knows, and the tests' fake remote domains. One record a line, {@code name TYPE value}
 * (MX, A, TXT; {@code #} starts a comment); an MX value may carry a port ({@code 127.0.0.1:2600}); a TXT value is
 * the text itself or quoted strings as in a zone file, joined.
 */
public final class StaticRecords {
    private final Map<String, List<String>> records;

    private StaticRecords(Map<String, List<String>> records) {
        this.records = records;
    }

    public static StaticRecords none() {
        return new StaticRecords(Map.of());
    }

    public static StaticRecords read(Path file) throws IOException {
        Map<String, List<String>> records = new HashMap<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+", 3);
            if (fields.length < 3) {
                throw new IOException(file + " line " + number + ": expected 'name TYPE value'");
            }
            String type = fields[1].toUpperCase(Locale.ROOT);
            if (!List.of("MX", "A", "TXT").contains(type)) {
                throw new IOException(file + " line " + number + ": type " + fields[1] + " is not MX, A or TXT");
            }
            String value = type.equals("TXT") ? TxtText.of(fields[2]) : fields[2].strip();
            records.computeIfAbsent(key(fields[0], type), k -> new ArrayList<>()).add(value);
        }
        return new StaticRecords(records);
    }

    /** The values of this name and type; empty when the file has none (the resolver is asked then). */
    public List<String> find(String name, String type) {
        return records.getOrDefault(key(name, type), List.of());
    }

    private static String key(String name, String type) {
        String normal = name.toLowerCase(Locale.ROOT);
        if (normal.endsWith(".")) {
            normal = normal.substring(0, normal.length() - 1);
        }
        return normal + " " + type;
    }
}
