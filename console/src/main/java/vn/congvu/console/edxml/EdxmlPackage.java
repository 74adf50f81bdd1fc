package vn.congvu.console.edxml;

import java.time.LocalDate;
import java.util.List;

/**
 * What CongVu reads of one edXML package (QCVN 102:2016/BTTTT): who sends it to whom, the document's number, subject,
 * text and urgency, whether it is a directive, and its attachments.
 *
 * @param documentId    {@code OrganId,yyyy/MM/dd,CodeNumber/CodeNotation}: a re-post of the same id is the same document
 * @param from          the issuing organisation
 * @param to            the receiving organisations, in the package's order
 * @param codeNumber    the document's number, e.g. {@code 12}
 * @param codeNotation  its symbol, e.g. {@code CT-UBND}
 * @param promulgated   its date, or null when the package has none
 * @param subject       the document's subject
 * @param content       its summary text, empty when none
 * @param signer        who signed it ({@code Position FullName}), empty when none
 * @param steeringType  0 none, 1 a directive (chỉ đạo), 2 a report on a directive
 * @param priority      0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ
 * @param dueDate       the due date, or null
 * @param attachments   the attached files, decoded
 */
public record EdxmlPackage(String documentId, Organ from, List<Organ> to, String codeNumber, String codeNotation,
        LocalDate promulgated, String subject, String content, String signer, int steeringType, int priority,
        LocalDate dueDate, List<Attachment> attachments) {

    /** An organisation: its 13-character agency code and name. */
    public record Organ(String organId, String organName) {
    }

    /** One attached file, decoded from base64. */
    public record Attachment(String contentId, String name, String contentType, String description, byte[] data) {
    }

    /** The number and symbol as documents write them, e.g. {@code 12/CT-UBND}. */
    public String code() {
        return codeNotation.isEmpty() ? codeNumber : codeNumber + "/" + codeNotation;
    }

    public boolean isDirective() {
        return steeringType == 1;
    }
}
