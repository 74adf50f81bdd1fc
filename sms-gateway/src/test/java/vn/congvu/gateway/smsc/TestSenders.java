package vn.congvu.gateway.smsc;

import vn.congvu.gateway.recipients.SenderAuthenticator;

/** Logins for API tests, standing in for the directory: one notice sender, one ordinary official. */
public final class TestSenders implements SenderAuthenticator {

    public static final String SENDER = "vanphong";
    public static final String PASSWORD = "Mat-khau-1";
    public static final String OFFICIAL = "canbo";

    /** Puts these logins in place of the directory's in a Spring test: {@code @Import(TestSenders.Logins.class)}. */
    @org.springframework.boot.test.context.TestConfiguration
    public static class Logins {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        SenderAuthenticator testSenders() {
            return new TestSenders();
        }
    }

    @Override
    public Result authenticate(String login, String password, String source) {
        String uid = login.contains("@") ? login.substring(0, login.indexOf('@')) : login;
        if (!PASSWORD.equals(password)) {
            return new Result(Outcome.BAD_CREDENTIALS, null);
        }
        return switch (uid) {
            case SENDER -> new Result(Outcome.OK, SENDER);
            case OFFICIAL -> new Result(Outcome.NOT_A_SENDER, OFFICIAL);
            default -> new Result(Outcome.BAD_CREDENTIALS, null);
        };
    }
}
