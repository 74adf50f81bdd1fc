package vn.congvu.gateway.notice;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.congvu.gateway.recipients.NoticeTargets;

/**
 * One line per notice on the {@code congvu.audit} logger: who, when (the log time), what text, to whom.
 * The outbox keeps the per-recipient list; this line is what an operator greps.
 */
final class NoticeAudit {

    private static final Logger audit = LoggerFactory.getLogger("congvu.audit");

    private NoticeAudit() {
    }

    static void accepted(long id, String sender, String text, NoticeTargets targets, int recipients, int without) {
        audit.info("notice {} by {}: {} recipient(s), {} without number; numbers={} uids={} groups={} units={}{}; text=\"{}\"",
                id, sender, recipients, without, targets.numbers().size() > 50
                        ? targets.numbers().size() + " numbers" : targets.numbers(),
                targets.uids(), targets.groups(), targets.units(), targets.includeSubUnits() ? " (with sub-units)" : "",
                text.replace("\"", "\\\"").replace("\n", "\\n"));
    }

    static void refused(String sender, String reason) {
        audit.info("notice by {} refused: {}", sender, reason);
    }
}
