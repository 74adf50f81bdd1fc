package vn.congvu.console.edxml;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an edXML package (QCVN 102:2016/BTTTT) with the JDK's streaming XML parser: namespaces as the standard
 * writes them (every element in {@value #NAMESPACE}), no DTD, no entities (an XXE or a "billion laughs" package is
 * refused, never expanded), bounded input and attachments. The first problem found is the exception's message:
 * a missing or repeated element, an agency code that is not {@code ddd.dd.dd.Xdd}, a bad date or number, an
 * attachment that is not base64 or that the manifest does not name.
 */
public final class EdxmlReader {

    public static final String NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
    /** {@code ddd.dd.dd.Xdd}: three digits, two, two, a capital letter and two digits, e.g. 000.00.00.H41. */
    public static final Pattern ORGAN_ID = Pattern.compile("\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private static final String HEADER = "edXML/edXMLEnvelope/edXMLHeader/MessageHeader/";
    private static final String ATTACHMENT = "edXML/AttachmentEncoded/Attachment/";
    private static final String REFERENCE = "edXML/edXMLEnvelope/edXMLBody/edXMLManifest/Reference/";

    private final long maxPackageBytes;
    private final long maxAttachmentBytes;

    /**
     * @param maxPackageBytes    the largest package read (its XML, attachments included)
     * @param maxAttachmentBytes the largest decoded attachment taken
     */
    public EdxmlReader(long maxPackageBytes, long maxAttachmentBytes) {
        this.maxPackageBytes = maxPackageBytes;
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    public EdxmlPackage read(InputStream in) throws MalformedPackageException, IOException {
        Elements found;
        try {
            found = collect(new BoundedInput(in, maxPackageBytes));
        } catch (BoundedInput.TooLargeException e) {
            throw new MalformedPackageException(e.getMessage(), e);
        }
        EdxmlPackage.Organ from = new EdxmlPackage.Organ(
                organId(found.one(HEADER + "From/OrganId", "From/OrganId")),
                found.optional(HEADER + "From/OrganName"));
        List<String> toIds = found.all(HEADER + "To/OrganId");
        List<String> toNames = found.all(HEADER + "To/OrganName");
        if (toIds.isEmpty()) {
            throw new MalformedPackageException("MessageHeader has no To/OrganId: the package names no receiver");
        }
        List<EdxmlPackage.Organ> to = new ArrayList<>();
        for (int i = 0; i < toIds.size(); i++) {
            to.add(new EdxmlPackage.Organ(organId(toIds.get(i)), i < toNames.size() ? toNames.get(i) : ""));
        }
        String documentId = found.one(HEADER + "DocumentId", "DocumentId");
        String subject = found.one(HEADER + "Subject", "Subject");
        if (subject.isBlank()) {
            throw new MalformedPackageException("Subject is empty");
        }
        String position = found.optional(HEADER + "SignerInfo/Position");
        String fullName = found.optional(HEADER + "SignerInfo/FullName");
        return new EdxmlPackage(documentId, from, List.copyOf(to),
                found.one(HEADER + "Code/CodeNumber", "Code/CodeNumber"),
                found.optional(HEADER + "Code/CodeNotation"),
                date(found.optional(HEADER + "PromulgationInfo/PromulgationDate"), "PromulgationInfo/PromulgationDate"),
                subject.strip(), found.optional(HEADER + "Content").strip(),
                (position + " " + fullName).strip(),
                number(found.optional(HEADER + "SteeringType"), "SteeringType", 0, 2),
                number(found.optional(HEADER + "OtherInfo/Priority"), "OtherInfo/Priority", 0, 4),
                date(found.optional(HEADER + "DueDate"), "DueDate"),
                attachments(found));
    }

    private List<EdxmlPackage.Attachment> attachments(Elements found) throws MalformedPackageException {
        Map<String, String> referenced = new HashMap<>();
        List<String> refIds = found.all(REFERENCE + "ContentId");
        for (String id : refIds) {
            referenced.put(bareId(id), id);
        }
        List<EdxmlPackage.Attachment> attachments = new ArrayList<>();
        for (Map<String, String> a : found.groups) {
            String id = bareId(a.getOrDefault("ContentId", ""));
            if (id.isEmpty()) {
                throw new MalformedPackageException("an AttachmentEncoded/Attachment has no ContentId");
            }
            if (!referenced.containsKey(id)) {
                throw new MalformedPackageException("attachment " + id + " is not named in the edXMLManifest");
            }
            String encoded = a.getOrDefault("ContentTransferEncoded", "");
            if (encoded.isEmpty()) {
                throw new MalformedPackageException("attachment " + id + " has no ContentTransferEncoded");
            }
            if (encoded.length() / 4L * 3 > maxAttachmentBytes) {
                throw new MalformedPackageException("attachment " + id + " is larger than " + maxAttachmentBytes + " bytes");
            }
            byte[] data;
            try {
                // line breaks are allowed, anything else outside the alphabet is not (the MIME decoder skips it)
                data = Base64.getDecoder().decode(WHITESPACE.matcher(encoded).replaceAll(""));
            } catch (IllegalArgumentException e) {
                throw new MalformedPackageException("attachment " + id + " is not base64: " + e.getMessage(), e);
            }
            String name = a.getOrDefault("AttachmentName", "").strip();
            attachments.add(new EdxmlPackage.Attachment(id, name.isEmpty() ? id : name,
                    a.getOrDefault("ContentType", "application/octet-stream").strip(),
                    a.getOrDefault("Description", "").strip(), data));
        }
        return List.copyOf(attachments);
    }

    /** Manifests write {@code cid:x}, attachments {@code x} or {@code cid:x}. */
    private static String bareId(String id) {
        String s = id.strip();
        return s.regionMatches(true, 0, "cid:", 0, 4) ? s.substring(4) : s;
    }

    private static String organId(String value) throws MalformedPackageException {
        String id = value.strip();
        if (!ORGAN_ID.matcher(id).matches()) {
            throw new MalformedPackageException("OrganId '" + id + "' is not an agency code of 13 characters ddd.dd.dd.Xdd");
        }
        return id;
    }

    private static LocalDate date(String value, String name) throws MalformedPackageException {
        if (value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip(), DATE);
        } catch (DateTimeParseException e) {
            throw new MalformedPackageException(name + " '" + value.strip() + "' is not a date yyyy/MM/dd", e);
        }
    }

    private static int number(String value, String name, int min, int max) throws MalformedPackageException {
        if (value.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new MalformedPackageException(name + " '" + value.strip() + "' is not a number from " + min + " to " + max);
    }

    /** The text of every element by its path below the root, and each attachment's fields. */
    private static final class Elements {
        final Map<String, List<String>> texts = new LinkedHashMap<>();
        final List<Map<String, String>> groups = new ArrayList<>();

        List<String> all(String path) {
            return texts.getOrDefault(path, List.of());
        }

        String one(String path, String name) throws MalformedPackageException {
            List<String> values = all(path);
            if (values.isEmpty()) {
                throw new MalformedPackageException("MessageHeader has no " + name);
            }
            if (values.size() > 1) {
                throw new MalformedPackageException("MessageHeader has " + values.size() + " " + name + " elements, not one");
            }
            return values.get(0);
        }

        String optional(String path) {
            List<String> values = all(path);
            return values.isEmpty() ? "" : values.get(0);
        }
    }

    private static Elements collect(InputStream in) throws MalformedPackageException, IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        Elements found = new Elements();
        Deque<String> path = new ArrayDeque<>();
        StringBuilder text = new StringBuilder();
        Map<String, String> attachment = null;
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new MalformedPackageException(
                            "the package has a DOCTYPE: document type declarations and entities are not accepted");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new MalformedPackageException(
                            "the package uses the entity &" + xml.getLocalName() + ";: entities are not accepted");
                    case XMLStreamConstants.START_ELEMENT -> {
                        String ns = xml.getNamespaceURI();
                        if (!NAMESPACE.equals(ns)) {
                            throw new MalformedPackageException("element " + xml.getLocalName() + " is in namespace '"
                                    + (ns == null || ns.equals(XMLConstants.NULL_NS_URI) ? "" : ns) + "', not " + NAMESPACE
                                    + " (line " + xml.getLocation().getLineNumber() + ")");
                        }
                        if (path.isEmpty() && !"edXML".equals(xml.getLocalName())) {
                            throw new MalformedPackageException("the root element is " + xml.getLocalName() + ", not edXML");
                        }
                        path.addLast(xml.getLocalName());
                        text.setLength(0);
                        if ((String.join("/", path) + "/").equals(ATTACHMENT)) {
                            attachment = new HashMap<>();
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            text.append(xml.getText());
                    case XMLStreamConstants.END_ELEMENT -> {
                        String joined = String.join("/", path);
                        if ((joined + "/").equals(ATTACHMENT)) {
                            found.groups.add(attachment);
                            attachment = null;
                        } else if (attachment != null && joined.startsWith(ATTACHMENT)) {
                            attachment.put(path.peekLast(), text.toString());
                        } else {
                            found.texts.computeIfAbsent(joined, any -> new ArrayList<>()).add(text.toString());
                        }
                        text.setLength(0);
                        path.removeLast();
                    }
                    default -> {
                    }
                }
            }
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof BoundedInput.TooLargeException tooLarge) {
                throw tooLarge;
            }
            throw new MalformedPackageException("the package is not well-formed XML: " + e.getMessage(), e);
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    // the reader's resources only; the stream is the caller's
                }
            }
        }
        if (found.texts.keySet().stream().allMatch("edXML"::equals) && found.groups.isEmpty()) {
            throw new MalformedPackageException("the package is empty");
        }
        return found;
    }
}
