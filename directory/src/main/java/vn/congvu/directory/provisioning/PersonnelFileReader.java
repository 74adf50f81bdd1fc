package vn.congvu.directory.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads a personnel list: CSV (UTF-8, BOM tolerated, comma or semicolon separated, as Excel writes it in
 * Vietnamese or European locales) or an Excel workbook (first sheet). Text is NFC-normalised so names typed on
 * different systems compare equal.
 */
public final class PersonnelFileReader {

    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private PersonnelFileReader() {
    }

    public static PersonnelSheet read(Path file) throws FileProblem {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new FileProblem(file + " is larger than 64 MB: split the list into several files");
            }
            if (name.endsWith(".xlsx") || name.endsWith(".xls")) {
                return readWorkbook(file);
            }
            return readCsv(file, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new FileProblem("no such file: " + file);
        } catch (IOException e) {
            throw new FileProblem("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static PersonnelSheet readCsv(Path file, byte[] bytes) throws FileProblem {
        String text = decodeUtf8(file, bytes);
        int[] lineStarts = lineStarts(text);
        char delimiter = detectDelimiter(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setQuote('"')
                .setIgnoreEmptyLines(true).get();
        List<String> header = null;
        List<SourceRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                int line = lineOf(lineStarts, firstNonBlank(text, record.getCharacterPosition()));
                List<String> cells = record.stream().map(PersonnelFileReader::clean).toList();
                if (cells.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                if (header == null) {
                    header = cells.stream().map(Columns::normalise).toList();
                    continue;
                }
                String error = cells.size() > header.size()
                        ? "has " + cells.size() + " fields but the header has " + header.size()
                                + ": quote values that contain '" + delimiter + "'"
                        : null;
                rows.add(new SourceRow(line, toMap(header, cells), error));
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new FileProblem(file + " is not valid CSV: " + e.getMessage()
                    + " (check for an unclosed double quote)", e);
        }
        return sheet(file, header, rows);
    }

    private static Workbook open(Path file, InputStream in) throws FileProblem {
        try {
            return WorkbookFactory.create(in);
        } catch (IOException | RuntimeException e) {
            throw new FileProblem(file + " is not an Excel workbook (" + e.getMessage() + "): save it from Excel as "
                    + ".xlsx, or as \"CSV UTF-8\" with a .csv name", e);
        }
    }

    private static PersonnelSheet readWorkbook(Path file) throws FileProblem, IOException {
        try (InputStream in = Files.newInputStream(file); Workbook wb = open(file, in)) {
            if (wb.getNumberOfSheets() == 0) {
                throw new FileProblem(file + " has no sheet");
            }
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            FormulaEvaluator evaluator = wb.getCreationHelper().createFormulaEvaluator();
            List<String> header = null;
            List<SourceRow> rows = new ArrayList<>();
            for (Row row : sheet) {
                int width = Math.max(0, row.getLastCellNum());
                List<String> cells = new ArrayList<>(width);
                for (int c = 0; c < width; c++) {
                    Cell cell = row.getCell(c, Row.MissingCellPolicy.RETURN_BLANK_AS_NULL);
                    cells.add(cell == null ? "" : clean(formatter.formatCellValue(cell, evaluator)));
                }
                if (cells.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                if (header == null) {
                    header = cells.stream().map(Columns::normalise).toList();
                    continue;
                }
                rows.add(new SourceRow(row.getRowNum() + 1, toMap(header, cells)));
            }
            return sheet(file, header, rows);
        } catch (org.apache.poi.EmptyFileException
                 | org.apache.poi.UnsupportedFileFormatException e) {
            throw new FileProblem(file + " is not an Excel workbook: " + e.getMessage(), e);
        }
    }

    private static PersonnelSheet sheet(Path file, List<String> header, List<SourceRow> rows) throws FileProblem {
        if (header == null) {
            throw new FileProblem(file + " is empty: expected a header row " + String.join(",", Columns.REQUIRED));
        }
        List<String> missing = Columns.missing(header);
        if (!missing.isEmpty()) {
            throw new FileProblem(file + ": the header lacks column(s) " + String.join(", ", missing)
                    + "; expected " + String.join(",", Columns.REQUIRED) + "[,status][,unit_name] (found: "
                    + String.join(",", header) + ")");
        }
        return new PersonnelSheet(header, rows, Columns.unknown(header));
    }

    private static Map<String, String> toMap(List<String> header, List<String> cells) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            values.put(header.get(i), i < cells.size() ? cells.get(i) : "");
        }
        return values;
    }

    /** NFC, no-break spaces and zero-width characters pasted from Word removed, outer spaces trimmed. */
    static String clean(String cell) {
        String s = Normalizer.normalize(cell, Normalizer.Form.NFC);
        s = s.replace('\u00a0', ' ').replaceAll("[\\u200b\\u200c\\u200d\\ufeff]", "");
        return s.strip();
    }

    private static String decodeUtf8(Path file, byte[] bytes) throws FileProblem {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new FileProblem(file + " is UTF-16 (Excel's \"Unicode Text\"): save it as \"CSV UTF-8 (Comma delimited)\" "
                    + "or import the .xlsx file directly");
        }
        int offset = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            return decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            int bad = firstInvalidUtf8(bytes, offset);
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new FileProblem(file + " is not UTF-8 (first bad byte on line " + line + "): it was probably saved as "
                    + "Windows-1258, Windows-1252 or TCVN3. In Excel use \"Save As\" → \"CSV UTF-8 (Comma delimited)\", "
                    + "or import the .xlsx file directly");
        } catch (CharacterCodingException e) {
            throw new FileProblem(file + " is not UTF-8: " + e.getMessage(), e);
        }
    }

    private static int firstInvalidUtf8(byte[] bytes, int from) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        decoder.decode(in, out, true);
        return in.position();
    }

    /** Excel writes ';' where the list separator is ';': the header line tells which one this file uses. */
    static char detectDelimiter(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        long commas = first.chars().filter(c -> c == ',').count();
        long semicolons = first.chars().filter(c -> c == ';').count();
        long tabs = first.chars().filter(c -> c == '\t').count();
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    /** The parser reports where it started looking, which is before any skipped empty lines. */
    private static long firstNonBlank(String text, long position) {
        int p = (int) position;
        while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
            p++;
        }
        return p;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, long position) {
        int i = Arrays.binarySearch(lineStarts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1;
    }
}
