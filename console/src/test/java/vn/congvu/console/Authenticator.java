package vn.congvu.console;

import java.time.Duration;
import vn.congvu.directory.otp.Base32;
import vn.congvu.directory.otp.OneTimePassword;

/** The official's authenticator app: the codes of a Base32 secret on the console's clock. */
public record Authenticator(String secret) {

    /** The secret as the enrolment page shows it, in groups of four. */
    public static Authenticator of(String shown) {
        return new Authenticator(shown.replaceAll("\\s", ""));
    }

    public String now() {
        return OneTimePassword.code(Base32.decode(secret), OneTimePassword.step(SteppingClock.shared().instant()));
    }

    /** The code of the next step: the clock moved on 30 s first (a code's step is accepted once). */
    public String next() {
        SteppingClock.shared().advance(Duration.ofSeconds(OneTimePassword.STEP_SECONDS));
        return now();
    }

    /** A 6-digit code that is none of the accepted window's. */
    public String wrong() {
        byte[] key = Base32.decode(secret);
        long step = OneTimePassword.step(SteppingClock.shared().instant());
        for (int n = 0; ; n++) {
            String candidate = String.format("%06d", n);
            if (OneTimePassword.matchingStep(key, candidate, SteppingClock.shared().instant()).isEmpty()
                    && !candidate.equals(OneTimePassword.code(key, step))) {
                return candidate;
            }
        }
    }
}
