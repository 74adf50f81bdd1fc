package vn.congvu.console.reset;

import java.util.List;
import org.springframework.stereotype.Component;
import vn.congvu.console.notices.SystemSms;
import vn.congvu.directory.signin.ResetCodes;
import vn.congvu.directory.signin.SignInPolicy;

/**
 * The two steps of a forgotten password, for the page and the API alike: a code sent by SMS through our gateway
 * to the mobile in the directory (the library decides whether one is due), then the code and a new password. Every
 * request first passes the per-address throttle.
 */
@Component
class ForgottenPassword {

    static final String SMS_KIND = "reset-code";
    static final String TOO_MANY = "Quá nhiều yêu cầu từ địa chỉ này; hãy thử lại sau một phút.";

    /** What a request came to. */
    enum Outcome { DONE, THROTTLED, REFUSED, PROBLEMS }

    record Answer(Outcome outcome, List<String> problems) {
    }

    private final SignInPolicy policy;
    private final SystemSms sms;
    private final SourceThrottle throttle;

    ForgottenPassword(SignInPolicy policy, SystemSms sms, SourceThrottle throttle) {
        this.policy = policy;
        this.sms = sms;
        this.throttle = throttle;
    }

    /** Sends a code when the library issues one; the caller answers the same whatever happened (but throttled). */
    boolean requestCode(String login, String address) {
        if (!throttle.allow(address)) {
            return false;
        }
        if (login != null && !login.isBlank()) {
            policy.resetCodes().issue(login.strip(), source(address))
                    .ifPresent(m -> sms.send(SMS_KIND, m.mobile(), m.text()));
        }
        return true;
    }

    Answer redeem(String login, String code, String newPassword, String address) {
        if (!throttle.allow(address)) {
            return new Answer(Outcome.THROTTLED, List.of(TOO_MANY));
        }
        List<String> problems = policy.resetCodes().redeem(login == null ? "" : login.strip(), code,
                newPassword == null ? "" : newPassword, source(address));
        if (problems.isEmpty()) {
            return new Answer(Outcome.DONE, problems);
        }
        return new Answer(problems.equals(List.of(ResetCodes.WRONG_CODE)) ? Outcome.REFUSED : Outcome.PROBLEMS,
                problems);
    }

    private static String source(String address) {
        return "console " + address;
    }
}
