package vn.congvu.mail.directive;

import java.util.List;

/**
 * The alerts of one directive document waiting in the outbox, as the gateway's intake takes them
 * ({@code POST /internal/v1/alerts}) plus when they may go out.
 *
 * @param subject   the mail's original subject (the gateway shows it next to the notice)
 * @param from      the issuer's address
 * @param urgent    urgent level: sent at any hour, first
 * @param releaseAt epoch ms: not before (end of the quiet window for alerts that are not urgent)
 * @param createdAt epoch ms
 */
record PendingAlert(String messageId, String from, String subject, String text, boolean urgent,
                    List<Recipient> recipients, long releaseAt, long createdAt) {

    /** @param target the official's mail address; @param mobile as the directory has it */
    record Recipient(String target, String mobile) {
    }
}
