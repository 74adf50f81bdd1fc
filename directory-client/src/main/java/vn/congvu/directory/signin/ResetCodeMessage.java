package vn.congvu.directory.signin;

import java.time.Duration;

/**
 * What the caller must send by SMS for a forgotten password: to {@code mobile} (normalised, {@code 84…}), the
 * {@code code}, valid for {@code validity}. {@link #text()} is the message, without diacritics so it fits GSM-7.
 */
public record ResetCodeMessage(String mobile, String code, Duration validity) {

    public String text() {
        return "CongVu: ma xac nhan dat lai mat khau la " + code + ", hieu luc " + validity.toMinutes()
                + " phut. Khong dua ma nay cho bat ky ai.";
    }

    @Override
    public String toString() {
        return "ResetCodeMessage[mobile=" + mobile + ", code hidden]"; // never into a log by accident
    }
}
