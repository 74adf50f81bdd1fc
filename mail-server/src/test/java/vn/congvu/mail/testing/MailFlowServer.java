package vn.congvu.mail.testing;

/**
 * The set-up of the tests of the mail ports' external contract: one running mail server for the test class whose
 * accounts are four officials of a real slapd, and real clients over TLS to it.
 * {@code @RegisterExtension static final RunningMailServer FLOW = MailFlowServer.fourOfficials();}
 */
public final class MailFlowServer {
    public static final String PASSWORD_A = "Mat-khau-A-2026";
    public static final String PASSWORD_B = "Mat-khau-B-2026";
    public static final String A = MailServerProcess.address("nguyen.van.a");
    public static final String B = MailServerProcess.address("tran.thi.b");
    public static final String C = MailServerProcess.address("dinh.van.c");
    public static final String D = MailServerProcess.address("quach.thi.d");

    private MailFlowServer() {
    }

    public static RunningMailServer fourOfficials() {
        return RunningMailServer.onSlapd()
            .account(A, PASSWORD_A)
            .account(B, PASSWORD_B)
            .account(C, PASSWORD_A)
            .account(D, PASSWORD_B);
    }
}
