package vn.congvu.console.edxml;

import java.io.StringWriter;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The edXML {@code Status} answer to a package (QCVN 102:2016/BTTTT): which document it is about, who answers, the
 * status code ({@code 01} đã đến) and when. The same document posted again gets the same answer.
 */
public final class EdxmlStatus {
    public static final String ARRIVED = "01";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");
    private static final String PREFIX = "edXML";

    private EdxmlStatus() {
    }

    /** The status {@code code} of {@code document}, answered by {@code us} at {@code at}. */
    public static String of(EdxmlPackage document, EdxmlPackage.Organ us, String code, String description,
            ZonedDateTime at) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("utf-8", "1.0");
            xml.setPrefix(PREFIX, EdxmlReader.NAMESPACE);
            xml.writeStartElement(PREFIX, "edXML", EdxmlReader.NAMESPACE);
            xml.writeNamespace(PREFIX, EdxmlReader.NAMESPACE);
            start(xml, "edXMLEnvelope");
            start(xml, "edXMLHeader");
            start(xml, "Status");
            start(xml, "ResponseFor");
            text(xml, "OrganId", document.from().organId());
            text(xml, "Code", document.code());
            if (document.promulgated() != null) {
                text(xml, "PromulgationDate", DATE.format(document.promulgated()));
            }
            text(xml, "DocumentId", document.documentId());
            xml.writeEndElement();
            start(xml, "From");
            text(xml, "OrganId", us.organId());
            text(xml, "OrganName", us.organName());
            xml.writeEndElement();
            text(xml, "StatusCode", code);
            text(xml, "Description", description);
            text(xml, "Timestamp", TIMESTAMP.format(at));
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing an edXML status", e);
        }
        return out.toString();
    }

    private static void start(XMLStreamWriter xml, String name) throws XMLStreamException {
        xml.writeStartElement(PREFIX, name, EdxmlReader.NAMESPACE);
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        start(xml, name);
        xml.writeCharacters(value == null ? "" : value);
        xml.writeEndElement();
    }
}
