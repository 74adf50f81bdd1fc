package vn.congvu.gateway.intake;

import java.util.List;

/**
 * What mail-server hands over for one directive document ({@code POST /internal/v1/alerts}).
 *
 * @param messageId  the mail's Message-ID: with the number, the key that makes hand-over retries harmless
 * @param from       the issuer's address, for the audit log and the notice history
 * @param subject    the mail's original subject, shown with the notice; optional
 * @param text       the SMS text (unaccented, one GSM-7 part by default)
 * @param encoding   gsm7 (default), ucs2 or auto
 * @param recipients local recipients after group expansion, each with the mobile from the directory
 */
public record AlertRequest(String messageId, String from, String subject, String text, Boolean urgent, String encoding,
                           List<AlertRecipient> recipients) {

    /** @param target who it is for (uid or mail address); @param mobile as the directory has it, may be null */
    public record AlertRecipient(String target, String mobile) {
    }
}
