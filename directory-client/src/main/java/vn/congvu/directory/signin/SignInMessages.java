package vn.congvu.directory.signin;

import vn.congvu.directory.text.VietnameseDiacritics;

/**
 * The Vietnamese sentence each protocol shows for a refused sign-in: IMAP as {@code NO [ALERT] <text>}, SMTP as
 * {@code 535 5.7.8 <text>}, the console on its page. The sentences that ask for a new password name the console's
 * address ({@code console.url}).
 *
 * <p>IMAP responses and SMTP replies are 7-bit unless the client enabled UTF-8 (IMAP {@code ENABLE UTF8=ACCEPT},
 * SMTP {@code SMTPUTF8}): {@link #ascii} is the same sentence without diacritics for them.
 */
public final class SignInMessages {

    private final AccountPolicy policy;

    public SignInMessages(AccountPolicy policy) {
        this.policy = policy;
    }

    /** The sentence for a decision; empty for {@link SignInDecision#ALLOWED}. */
    public String text(SignInDecision decision) {
        return switch (decision) {
            case ALLOWED -> "";
            case WRONG_PASSWORD -> "Tên đăng nhập hoặc mật khẩu không đúng.";
            case LOCKED -> "Tài khoản tạm khóa vì đăng nhập sai nhiều lần liên tiếp; hãy thử lại sau "
                    + policy.lockoutDuration().toMinutes() + " phút hoặc liên hệ quản trị viên.";
            case DISABLED -> "Tài khoản đã ngừng hoạt động; hãy liên hệ quản trị viên.";
            case MUST_CHANGE -> "Bạn cần đặt mật khẩu mới thay cho mật khẩu ban đầu tại " + policy.consoleUrl()
                    + " trước khi đọc và gửi thư.";
            case PASSWORD_EXPIRED -> "Mật khẩu đã dùng quá " + policy.maxAge().toDays()
                    + " ngày; bạn cần đặt mật khẩu mới tại " + policy.consoleUrl() + " trước khi đọc và gửi thư.";
        };
    }

    /** {@link #text} without diacritics, for 7-bit protocol lines. */
    public String ascii(SignInDecision decision) {
        return VietnameseDiacritics.strip(text(decision));
    }
}
