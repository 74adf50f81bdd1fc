package vn.congvu.gateway.recipients;

/** Who may send notices: officials of the {@code notice-senders} group, checked against the directory. */
public interface SenderAuthenticator {

    enum Outcome { OK, BAD_CREDENTIALS, NOT_A_SENDER, UNAVAILABLE }

    /** @param sender the official's uid when OK */
    record Result(Outcome outcome, String sender) {
    }

    /**
     * @param login  the mail address or the bare uid
     * @param source where the attempt comes from (the client's address), for the audit log; null when unknown
     */
    Result authenticate(String login, String password, String source);
}
