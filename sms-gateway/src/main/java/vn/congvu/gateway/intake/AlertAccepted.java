package vn.congvu.gateway.intake;

import java.util.List;

/**
 * Answer of the intake (202): stored, or nothing new to store.
 *
 * @param noticeId   the notice carrying these alerts; null when every number had already been alerted
 * @param accepted   numbers that will get the SMS now
 * @param duplicates numbers already alerted for this Message-ID (by an earlier hand-over)
 */
public record AlertAccepted(Long noticeId, int accepted, int duplicates, List<String> withoutNumber) {
}
