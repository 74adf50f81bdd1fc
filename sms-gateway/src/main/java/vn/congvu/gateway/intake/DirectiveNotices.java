package vn.congvu.gateway.intake;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.congvu.gateway.outbox.NewMessage;
import vn.congvu.gateway.outbox.NewNotice;
import vn.congvu.gateway.outbox.NoticeInserts;

/**
 * Stores a directive's alerts as a notice of kind {@code directive} that remembers the mail's subject and
 * sender, in one transaction with the outbox rows, so the history never shows an alert without its mail.
 */
@Component
public class DirectiveNotices {

    static final int SUBJECT_MAX = 998; // RFC 5322 line length, the column's size
    static final int SENDER_MAX = 255;

    private final NoticeInserts outbox;
    private final JdbcTemplate jdbc;

    public DirectiveNotices(NoticeInserts outbox, JdbcTemplate jdbc) {
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    @Transactional
    public Optional<NoticeInserts.StoredAlert> create(String mailMessageId, NewNotice notice, List<NewMessage> messages,
                                                    String mailSubject, String mailSender) {
        Optional<NoticeInserts.StoredAlert> stored = outbox.createAlert(mailMessageId, notice, messages);
        stored.ifPresent(s -> jdbc.update("UPDATE notice SET kind = 'directive', mail_subject = ?, mail_sender = ? WHERE id = ?",
                cut(mailSubject, SUBJECT_MAX), cut(mailSender, SENDER_MAX), s.noticeId()));
        return stored;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
