package vn.congvu.directory.signin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.congvu.directory.text.VietnameseDiacritics;

/**
 * The rules for a password an official chooses, each broken one named in one Vietnamese sentence. Names are compared
 * without diacritics and case: "Nguyễn" in the full name forbids "nguyen", "NGUYEN" and "Nguyễn" alike.
 */
public final class PasswordRules {

    /** Words of the full name shorter than this are too common to forbid ("Lê", "Hà", "Thị" are not). */
    static final int NAME_WORD_MIN = 3;

    private final AccountPolicy policy;

    public PasswordRules(AccountPolicy policy) {
        this.policy = policy;
    }

    /** What is wrong with the password, one sentence per broken rule; empty when it may be used. */
    public List<String> problems(String password, String uid, String fullName, PasswordHistory history) {
        return problems(password, uid, fullName, history, null);
    }

    /**
     * As {@link #problems(String, String, String, PasswordHistory)}, for an official who gave their current
     * password: keeping it counts as repeating a recent one.
     */
    public List<String> problems(String password, String uid, String fullName, PasswordHistory history,
            String current) {
        List<String> problems = new ArrayList<>();
        if (password.codePointCount(0, password.length()) < policy.minLength()) {
            problems.add("Mật khẩu phải có ít nhất " + policy.minLength() + " ký tự.");
        }
        if (classes(password) < policy.classes()) {
            problems.add("Mật khẩu phải có ký tự thuộc ít nhất " + policy.classes()
                    + " trong 4 loại: chữ thường, chữ hoa, chữ số, ký tự khác.");
        }
        String folded = fold(password);
        if (uid != null && uid.length() >= NAME_WORD_MIN && folded.contains(fold(uid))) {
            problems.add("Mật khẩu không được chứa tên đăng nhập (" + uid + ").");
        }
        Set<String> words = new LinkedHashSet<>();
        for (String word : fullName == null ? new String[0] : fullName.split("[^\\p{L}]+")) {
            if (word.codePointCount(0, word.length()) >= NAME_WORD_MIN && folded.contains(fold(word))) {
                words.add(word);
            }
        }
        if (!words.isEmpty()) {
            problems.add("Mật khẩu không được chứa từ trong họ tên (" + String.join(", ", words) + ").");
        }
        if (policy.history() > 0 && (password.equals(current) || history.contains(password))) {
            problems.add("Mật khẩu mới không được trùng với một trong " + policy.history()
                    + " mật khẩu gần nhất.");
        }
        return problems;
    }

    /** How many of lower-case, upper-case, digit and other the password has. */
    static int classes(String password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    private static String fold(String s) {
        return VietnameseDiacritics.strip(s).toLowerCase(Locale.ROOT);
    }
}
