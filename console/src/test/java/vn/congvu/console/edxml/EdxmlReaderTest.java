package vn.congvu.console.edxml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * edXML packages as document-management systems write them (QCVN 102:2016/BTTTT), and the ways they go wrong: every
 * bad package is refused with its first problem named, nothing is expanded or fetched.
 */
class EdxmlReaderTest {

    static final String NS = EdxmlReader.NAMESPACE;
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private final EdxmlReader reader = new EdxmlReader(5_000_000, 1_000_000);

    /** A directive of the province to two districts with one PDF, as the standard lays it out. */
    static String directive(String toIds, String extraHeader, String attachmentId, byte[] attachment) {
        StringBuilder to = new StringBuilder();
        for (String id : toIds.split(",")) {
            to.append("<edXML:To><edXML:OrganId>").append(id).append("</edXML:OrganId><edXML:OrganName>UBND ")
                    .append(id).append("</edXML:OrganName></edXML:To>");
        }
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <edXML xmlns="%1$s">
                  <edXML:edXMLEnvelope xmlns:edXML="%1$s">
                    <edXML:edXMLHeader>
                      <edXML:MessageHeader>
                        <edXML:From><edXML:OrganId>000.00.00.H99</edXML:OrganId>
                          <edXML:OrganName>Ủy ban nhân dân tỉnh</edXML:OrganName></edXML:From>
                        %2$s
                        <edXML:Code><edXML:CodeNumber>12</edXML:CodeNumber><edXML:CodeNotation>CT-UBND</edXML:CodeNotation></edXML:Code>
                        <edXML:PromulgationInfo><edXML:Place>Tỉnh</edXML:Place>
                          <edXML:PromulgationDate>2026/12/07</edXML:PromulgationDate></edXML:PromulgationInfo>
                        <edXML:Subject>Về việc phòng, chống bão số 3 &amp; sơ tán dân</edXML:Subject>
                        <edXML:Content><![CDATA[Yêu cầu các đơn vị <triển khai> ngay.]]></edXML:Content>
                        <edXML:SignerInfo><edXML:Position>Chủ tịch</edXML:Position><edXML:FullName>Nguyễn Văn Chủ</edXML:FullName></edXML:SignerInfo>
                        <edXML:DueDate>2026/12/08</edXML:DueDate>
                        <edXML:OtherInfo><edXML:Priority>3</edXML:Priority></edXML:OtherInfo>
                        <edXML:SteeringType>1</edXML:SteeringType>
                        <edXML:DocumentId>000.00.00.H99,2026/12/07,12/CT-UBND</edXML:DocumentId>
                        %3$s
                      </edXML:MessageHeader>
                    </edXML:edXMLHeader>
                    <edXML:edXMLBody><edXML:edXMLManifest version="1.0">
                      <edXML:Reference xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="cid:ct12-1">
                        <edXML:AttachmentName>12-CT-UBND.pdf</edXML:AttachmentName>
                        <edXML:ContentType>application/pdf</edXML:ContentType>
                        <edXML:ContentId>cid:ct12-1</edXML:ContentId>
                      </edXML:Reference>
                    </edXML:edXMLManifest></edXML:edXMLBody>
                  </edXML:edXMLEnvelope>
                  <AttachmentEncoded><Attachment>
                    <ContentType>application/pdf</ContentType><ContentId>%4$s</ContentId>
                    <ContentTransferEncoded>%5$s</ContentTransferEncoded>
                    <AttachmentName>12-CT-UBND.pdf</AttachmentName>
                  </Attachment></AttachmentEncoded>
                </edXML>
                """.formatted(NS, to, extraHeader, attachmentId, Base64.getMimeEncoder().encodeToString(attachment));
    }

    private EdxmlPackage read(String xml) throws Exception {
        return reader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private String refused(String xml) {
        return assertThrows(MalformedPackageException.class, () -> read(xml)).getMessage();
    }

    @Test
    void aDirectiveIsReadWithItsAttachmentByteForByte() throws Exception {
        EdxmlPackage p = read(directive("000.01.01.H99,000.01.02.H99", "", "ct12-1", PDF));
        assertEquals("000.00.00.H99,2026/12/07,12/CT-UBND", p.documentId());
        assertEquals(new EdxmlPackage.Organ("000.00.00.H99", "Ủy ban nhân dân tỉnh"), p.from());
        assertEquals(List.of("000.01.01.H99", "000.01.02.H99"), p.to().stream().map(EdxmlPackage.Organ::organId).toList());
        assertEquals("12/CT-UBND", p.code());
        assertEquals("Về việc phòng, chống bão số 3 & sơ tán dân", p.subject());
        assertEquals("Yêu cầu các đơn vị <triển khai> ngay.", p.content());
        assertEquals("Chủ tịch Nguyễn Văn Chủ", p.signer());
        assertTrue(p.isDirective());
        assertEquals(3, p.priority());
        assertEquals(LocalDate.of(2026, 12, 8), p.dueDate());
        assertEquals(LocalDate.of(2026, 12, 7), p.promulgated());
        assertEquals(1, p.attachments().size());
        EdxmlPackage.Attachment a = p.attachments().get(0);
        assertEquals("12-CT-UBND.pdf", a.name());
        assertEquals("application/pdf", a.contentType());
        assertArrayEquals(PDF, a.data());
    }

    @Test
    void anExternalEntityIsNeverFetchedNorExpanded(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "mat-khau-bi-mat");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<edXML xmlns=\"" + NS + "\"><edXMLEnvelope><edXMLHeader><MessageHeader><Subject>&x;</Subject>"
                + "</MessageHeader></edXMLHeader></edXMLEnvelope></edXML>";
        String problem = refused(xxe);
        assertTrue(problem.contains("DOCTYPE") || problem.contains("entit"), problem);
        assertTrue(!problem.contains("mat-khau-bi-mat"));
    }

    @Test
    void billionLaughsAreRefusedNotExpanded() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE edXML [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 12; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String problem = refused("<?xml version=\"1.0\"?>" + dtd + "<edXML xmlns=\"" + NS + "\"><x>&l11;</x></edXML>");
        assertTrue(problem.contains("DOCTYPE") || problem.contains("entit"), problem);
    }

    @Test
    void eachBrokenPackageNamesItsFirstProblem() {
        assertTrue(refused("<edXML xmlns=\"" + NS + "\"><edXMLEnvelope>").contains("not well-formed"));
        assertTrue(refused("<edXML xmlns=\"urn:other\"/>").contains("not " + NS));
        assertTrue(refused("<edXML xmlns=\"" + NS + "\"/>").contains("empty"));
        assertTrue(refused(directive("000.01.01", "", "ct12-1", PDF)).contains("OrganId '000.01.01' is not an agency code"));
        assertTrue(refused(directive("000.01.01.H99", "<edXML:DocumentId>again</edXML:DocumentId>", "ct12-1", PDF))
                .contains("2 DocumentId"));
        assertTrue(refused(directive("000.01.01.H99", "", "khong-co", PDF)).contains("attachment khong-co is not named"));
        assertTrue(refused(directive("000.01.01.H99", "", "ct12-1", PDF).replace("<edXML:Priority>3", "<edXML:Priority>9"))
                .contains("OtherInfo/Priority '9'"));
        assertTrue(refused(directive("000.01.01.H99", "", "ct12-1", PDF).replace("2026/12/08", "08-12-2026"))
                .contains("DueDate '08-12-2026' is not a date"));
        assertTrue(refused(directive("000.01.01.H99", "", "ct12-1", PDF).replaceAll("<edXML:To>.*?</edXML:To>", ""))
                .contains("no To/OrganId"));
        String notBase64 = directive("000.01.01.H99", "", "ct12-1", PDF)
                .replaceAll("<ContentTransferEncoded>[^<]*", "<ContentTransferEncoded>@@@@");
        assertTrue(refused(notBase64).contains("is not base64"), refused(notBase64));
    }

    @Test
    void oversizedPackagesAndAttachmentsAreRefusedWhileRead() {
        EdxmlReader small = new EdxmlReader(4_000, 1_000_000);
        String big = directive("000.01.01.H99", "", "ct12-1", new byte[10_000]);
        String problem = assertThrows(MalformedPackageException.class,
                () -> small.read(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).getMessage();
        assertTrue(problem.contains("larger than 4000 bytes"), problem);
        EdxmlReader smallAttachments = new EdxmlReader(5_000_000, 1_000);
        problem = assertThrows(MalformedPackageException.class,
                () -> smallAttachments.read(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).getMessage();
        assertTrue(problem.contains("attachment ct12-1 is larger than 1000 bytes"), problem);
    }

    @Test
    void theStatusAnswerNamesTheDocumentAndIsReadableEdxml() throws Exception {
        EdxmlPackage p = read(directive("000.01.01.H99", "", "ct12-1", PDF));
        String status = EdxmlStatus.of(p, new EdxmlPackage.Organ("000.01.01.H99", "UBND huyện <A> & B"),
                EdxmlStatus.ARRIVED, "Đã đến", ZonedDateTime.of(2026, 12, 8, 8, 0, 5, 0, ZoneId.of("Asia/Ho_Chi_Minh")));
        assertTrue(status.contains("<edXML:StatusCode>01</edXML:StatusCode>"), status);
        assertTrue(status.contains("<edXML:DocumentId>000.00.00.H99,2026/12/07,12/CT-UBND</edXML:DocumentId>"), status);
        assertTrue(status.contains("<edXML:Timestamp>2026/12/08 08:00:05</edXML:Timestamp>"), status);
        assertTrue(status.contains("UBND huyện &lt;A&gt; &amp; B"), status);
        assertTrue(status.contains("xmlns:edXML=\"" + NS + "\""), status);
    }
}
