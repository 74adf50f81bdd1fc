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
 * Stores a system message (a password reset code for one official) as a notice of kind {@code system}, in one
 * transaction with its outbox row. The notices history and API never show that kind: its text is a secret.
 */
@Component
public class SystemMessages {

    /** The notice kind the history leaves out. */
    public static final String KIND = "system";

    private final NoticeInserts outbox;
    private final JdbcTemplate jdbc;

    public SystemMessages(NoticeInserts outbox, JdbcTemplate jdbc) {
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    @Transactional
    public Optional<NoticeInserts.StoredAlert> create(String key, NewNotice notice, NewMessage message) {
        Optional<NoticeInserts.StoredAlert> stored = outbox.createAlert(key, notice, List.of(message));
        stored.ifPresent(s -> jdbc.update("UPDATE notice SET kind = '" + KIND + "' WHERE id = ?", s.noticeId()));
        return stored;
    }
}
