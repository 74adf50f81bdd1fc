package vn.congvu.mail.imap.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index's answers against the reference match ({@link Substring#foundIn}) of the same texts. */
class TextIndexTest {
    private static final String BOX = "7";
    private static final List<String> WORDS = List.of("Chỉ", "đạo", "sạt", "lở", "Đảng", "ủy", "chi", "dao", "công",
        "văn", "số", "12", "khẩn", "UBND", "tỉnh", "Quảng", "Nam", "lũ", "bão", "a", "đ", "x-y", "Thông", "báo");

    @TempDir
    Path dir;

    @Test
    void answersAsTheReferenceMatchOnRandomTexts() {
        Random random = new Random(25);
        List<String> subjects = Stream.generate(() -> sentence(random, 6)).limit(300).toList();
        List<String> bodies = Stream.generate(() -> sentence(random, 40)).limit(300).toList();
        try (TextIndex index = new TextIndex(dir.resolve("index"))) {
            for (int uid = 1; uid <= subjects.size(); uid++) {
                index.put(BOX, uid, new MessageText(
                    List.of(new MessageText.HeaderValue("subject", subjects.get(uid - 1)),
                        new MessageText.HeaderValue("x-ref", "Ref " + subjects.get(uid - 1))),
                    List.of(bodies.get(uid - 1))));
            }
            index.refresh();
            List<String> queries = List.of("chi dao", "Chỉ đạo", "CHỈ", "sat lo", "sạt lở", "dang uy", "Đảng ủy",
                "d", "đ", "ủ", "lo", "ch", "ng ", "12", "văn số", "van so 12", "o d", "khẩn UBND", "x-y thông",
                "zzz", "ỦY", "chỉ đạo sạt", "ref chỉ", "subject: chỉ", "\u0323", "o\u0323");
            for (String query : queries) {
                Substring wanted = Substring.of(query);
                assertEquals(reference(subjects, wanted), index.matching(BOX, new TextKey(TextKey.Area.HEADER, "subject", query)),
                    "SUBJECT " + query);
                assertEquals(reference(bodies, wanted), index.matching(BOX, new TextKey(TextKey.Area.BODY, "", query)),
                    "BODY " + query);
                List<String> refs = subjects.stream().map(subject -> "Ref " + subject).toList();
                assertEquals(reference(refs, wanted), index.matching(BOX, new TextKey(TextKey.Area.HEADER, "x-ref", query)),
                    "HEADER X-Ref " + query);
                List<String> texts = Stream.iterate(0, at -> at + 1).limit(subjects.size())
                    .map(at -> "subject: " + subjects.get(at) + "\u0000x-ref: " + refs.get(at) + "\u0000" + bodies.get(at))
                    .toList();
                assertEquals(reference(texts, wanted), index.matching(BOX, new TextKey(TextKey.Area.TEXT, "", query)),
                    "TEXT " + query);
            }
        }
    }

    @Test
    void noMatchSpansTwoValuesAndEmptyValuesMeanThePresentField() {
        try (TextIndex index = new TextIndex(dir.resolve("index"))) {
            index.put(BOX, 1, new MessageText(List.of(new MessageText.HeaderValue("to", "an@bo.gov.vn"),
                new MessageText.HeaderValue("to", "binh@bo.gov.vn")), List.of("abc", "def")));
            index.put(BOX, 2, new MessageText(List.of(new MessageText.HeaderValue("subject", "")), List.of()));
            index.refresh();
            assertEquals(Set.of(), index.matching(BOX, new TextKey(TextKey.Area.BODY, "", "cde")));
            assertEquals(Set.of(), index.matching(BOX, new TextKey(TextKey.Area.HEADER, "to", "vnbinh")));
            assertEquals(Set.of(1L), index.matching(BOX, new TextKey(TextKey.Area.HEADER, "to", "BINH@")));
            assertEquals(Set.of(2L), index.matching(BOX, new TextKey(TextKey.Area.HEADER, "subject", "")));
            assertEquals(Set.of(1L, 2L), index.matching(BOX, new TextKey(TextKey.Area.TEXT, "", "")));
            assertEquals(Set.of(1L), index.matching(BOX, new TextKey(TextKey.Area.TEXT, "", "def")));
            assertEquals(Set.of(), index.matching("8", new TextKey(TextKey.Area.TEXT, "", "def")));
            index.delete(BOX, List.of(1L));
            index.refresh();
            assertEquals(Set.of(), index.matching(BOX, new TextKey(TextKey.Area.TEXT, "", "def")));
            assertEquals(new TreeSet<>(Set.of(2L)), index.uids(BOX));
        }
    }

    @Test
    void aDamagedDirectoryIsEmptiedOnOpen() throws IOException {
        Path location = dir.resolve("index");
        try (TextIndex index = new TextIndex(location)) {
            index.put(BOX, 1, new MessageText(List.of(), List.of("sạt lở")));
        }
        try (Stream<Path> files = Files.list(location)) {
            for (Path file : files.toList()) {
                Files.write(file, "damaged".getBytes(StandardCharsets.US_ASCII));
            }
        }
        try (TextIndex index = new TextIndex(location)) {
            assertEquals(0, index.count(BOX));
            index.put(BOX, 1, new MessageText(List.of(), List.of("sạt lở")));
            index.refresh();
            assertEquals(Set.of(1L), index.matching(BOX, new TextKey(TextKey.Area.BODY, "", "sat lo")));
        }
    }

    @Test
    void anIndexOfAnotherLayoutIsEmptiedOnOpen() throws IOException {
        Path location = dir.resolve("index");
        try (FSDirectory directory = FSDirectory.open(location);
             IndexWriter other = new IndexWriter(directory, new IndexWriterConfig())) {
            Document document = new Document();
            document.add(new StringField("mailbox", BOX, Field.Store.NO));
            other.addDocument(document);
            other.commit(); // no layout of ours in the commit
        }
        try (TextIndex index = new TextIndex(location)) {
            assertEquals(0, index.count(BOX));
            index.put(BOX, 1, new MessageText(List.of(), List.of("sạt lở")));
        }
        try (TextIndex index = new TextIndex(location)) {
            assertEquals(1, index.count(BOX), "an index of our layout is kept");
        }
    }

    @Test
    void messageTextDecodesHeadersAndParts() throws IOException {
        String message = String.join("\r\n",
            "Subject: =?UTF-8?B?" + base64("Chỉ đạo khẩn") + "?=",
            "From: =?UTF-8?Q?Nguy=E1=BB=85n_V=C4=83n_An?= <an@bo.gov.vn>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=b",
            "",
            "--b",
            "Content-Type: text/plain; charset=windows-1258",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "S=AA n=F2 v=E8 b=E3o",
            "--b",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            base64("<p>Phòng chống <b>sạt</b> lở &amp; lũ</p>"),
            "--b--",
            "");
        MessageText text = MessageText.read(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(new MessageText.HeaderValue("subject", "Chỉ đạo khẩn"), text.headers().get(0));
        assertEquals(new MessageText.HeaderValue("from", "Nguyễn Văn An <an@bo.gov.vn>"), text.headers().get(1));
        assertEquals(2, text.bodies().size());
        assertEquals("Phòng chống sạt lở & lũ", text.bodies().get(1));
        assertEquals(true, Substring.of("sat lo").foundIn(text.bodies().get(1)));
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static TreeSet<Long> reference(List<String> texts, Substring wanted) {
        TreeSet<Long> uids = new TreeSet<>();
        for (int at = 0; at < texts.size(); at++) {
            if (wanted.foundIn(texts.get(at))) {
                uids.add(at + 1L);
            }
        }
        return uids;
    }

    private static String sentence(Random random, int words) {
        StringBuilder sentence = new StringBuilder();
        for (int at = 0; at < words; at++) {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            if (random.nextInt(5) == 0) {
                word = word.toUpperCase();
            }
            if (random.nextInt(7) == 0) {
                word = java.text.Normalizer.normalize(word, java.text.Normalizer.Form.NFD);
            }
            sentence.append(at == 0 ? "" : " ").append(word);
        }
        return sentence.toString();
    }
}
