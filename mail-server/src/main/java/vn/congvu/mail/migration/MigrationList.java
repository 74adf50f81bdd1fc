package vn.congvu.mail.migration;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The officials to migrate, from a CSV with a header row: {@code uid}, {@code login} (on the old server) and, unless
 * an administrator login is given, {@code password} (on the old server). Read as Excel writes it: UTF-8 with or
 * without BOM, comma or semicolon separated, fields in double quotes. A broken row is reported with its line and
 * skipped; the others are migrated.
 */
public record MigrationList(List<Row> rows, List<BrokenRow> broken) {
    // a directory uid, or a whole address; nothing a shell or mbsync config would read specially
    private static final Pattern UID = Pattern.compile("[a-z0-9][a-z0-9._-]*(@[a-z0-9.-]+)?");

    /** One official: their CongVu address, and how to log in on the old server (password null: the master's). */
    public record Row(int line, String address, String oldLogin, String oldPassword) {
        @Override
        public String toString() {
            return "line " + line + " " + address; // never the password
        }
    }

    public record BrokenRow(int line, String uid, String reason) {
    }

    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    public static MigrationList read(Path file, String domain, boolean masterLogin) throws Unreadable {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            int bom = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, bom, bytes.length - bom)).toString();
        } catch (NoSuchFileException e) {
            throw new Unreadable("no such file: " + file);
        } catch (CharacterCodingException e) {
            throw new Unreadable(file + " is not UTF-8: in Excel use \"Save As\" → \"CSV UTF-8 (Comma delimited)\"");
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file + ": " + e.getMessage());
        }
        String firstLine = text.lines().filter(line -> !line.isBlank()).findFirst()
            .orElseThrow(() -> new Unreadable(file + " is empty: expected a header row uid,login,password"));
        char delimiter = firstLine.chars().filter(c -> c == ';').count() > firstLine.chars().filter(c -> c == ',').count() ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setQuote('"').setIgnoreEmptyLines(true).get();
        List<Row> rows = new ArrayList<>();
        List<BrokenRow> broken = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<String> header = null;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                List<String> cells = record.stream().map(MigrationList::clean).toList();
                if (cells.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                if (header == null) {
                    header = cells.stream().map(cell -> cell.toLowerCase(Locale.ROOT)).toList();
                    for (String required : masterLogin ? List.of("uid", "login") : List.of("uid", "login", "password")) {
                        if (!header.contains(required)) {
                            throw new Unreadable(file + ": the header lacks the column " + required + " (found: "
                                + String.join(String.valueOf(delimiter), header) + ")"
                                + (required.equals("password") ? "; or give the old server's administrator login with --from-master" : ""));
                        }
                    }
                    continue;
                }
                int line = (int) parser.getCurrentLineNumber();
                String uid = cell(header, cells, "uid").toLowerCase(Locale.ROOT);
                String login = cell(header, cells, "login");
                String password = cell(header, cells, "password");
                String reason = cells.size() > header.size()
                    ? "has " + cells.size() + " fields but the header has " + header.size() + ": quote values that contain '" + delimiter + "'"
                    : uid.isEmpty() ? "uid is empty"
                    : !UID.matcher(uid).matches() ? "uid '" + uid + "' is not a directory uid (letters a-z, digits, '.', '-', '_')"
                    : login.isEmpty() ? "login (on the old server) is empty"
                    : !masterLogin && password.isEmpty() ? "password is empty (or give --from-master)"
                    : null;
                String address = uid.contains("@") ? uid : uid + "@" + domain;
                if (reason == null && seen.containsKey(address)) {
                    reason = uid + " is already on line " + seen.get(address);
                }
                if (reason != null) {
                    broken.add(new BrokenRow(line, uid, reason));
                    continue;
                }
                seen.put(address, line);
                rows.add(new Row(line, address, login, masterLogin ? null : password));
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new Unreadable(file + " is not valid CSV: " + e.getMessage() + " (check for an unclosed double quote)");
        }
        if (header == null) {
            throw new Unreadable(file + " is empty: expected a header row uid,login,password");
        }
        return new MigrationList(rows, broken);
    }

    private static String cell(List<String> header, List<String> cells, String column) {
        int at = header.indexOf(column);
        return at >= 0 && at < cells.size() ? cells.get(at) : "";
    }

    /** NFC, no-break spaces and zero-width characters pasted from Word removed, outer spaces trimmed. */
    private static String clean(String cell) {
        return Normalizer.normalize(cell, Normalizer.Form.NFC).replace('\u00a0', ' ')
            .replaceAll("[\\u200b\\u200c\\u200d\\ufeff]", "").strip();
    }
}
