package vn.congvu.gateway.notice;

import java.util.List;

/**
 * Answer to an accepted notice (HTTP 202): it is stored and will be sent.
 *
 * @param recipients messages that will be sent (one per distinct number)
 * @param segments   SMS parts per message
 * @param withoutNumber targets that get nothing, with the reason (officials without a mobile, …)
 */
public record NoticeAccepted(long id, int recipients, int segments, String encoding, String sentText,
                             List<Unreachable> withoutNumber) {

    public record Unreachable(String target, String reason) {
    }
}
