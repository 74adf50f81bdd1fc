package vn.congvu.gateway.notice;

import org.springframework.stereotype.Component;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditLog;
import vn.congvu.gateway.recipients.NoticeTargets;

/**
 * One audit record per notice, in the product's one audit trail: who sent it, its id, to whom and the text as
 * written (a notice is an official act; its text is no secret). The outbox keeps the per-recipient list.
 */
@Component
class NoticeAudit {

    private final AuditLog audit;

    NoticeAudit(AuditLog audit) {
        this.audit = audit;
    }

    void accepted(long id, String sender, String text, NoticeTargets targets, int recipients, int without) {
        String to = "numbers=" + (targets.numbers().size() > 50 ? targets.numbers().size() + " numbers" : targets.numbers())
                + " uids=" + targets.uids() + " groups=" + targets.groups() + " units=" + targets.units()
                + (targets.includeSubUnits() ? " (with sub-units)" : "");
        audit.record(AuditAction.NOTICE_SENT, sender, "notice " + id, null, null,
                recipients + " recipient(s), " + without + " without number; " + to, "text: " + text);
    }

    void refused(String sender, String reason) {
        audit.record(AuditAction.NOTICE_REFUSED, sender, null, null, null, null, reason);
    }
}
