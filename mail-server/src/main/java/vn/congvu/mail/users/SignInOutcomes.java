package vn.congvu.mail.users;

import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Singleton;

import vn.congvu.directory.signin.SignInDecision;

/**
 * What the sign-in policy decided for the last password check on this thread. James' {@code UsersRepository.test}
 * answers only yes or no, so {@link DirectoryUsersRepository} leaves the decision here and the protocol that asked
 * (our IMAP LOGIN/AUTHENTICATE processors, the SMTP AUTH hook) reads it on the same thread right after: an account
 * whose right password must first be changed on the console gets its own sentence, every other refusal the usual
 * answer. A protocol forgets before and after its check, so nothing stays for the next command on the thread. Local
 * accounts never record anything.
 */
@Singleton
public final class SignInOutcomes {

    /** A decision and its sentence without diacritics, for 7-bit IMAP and SMTP lines. */
    public record Outcome(SignInDecision decision, String sentence) {

        /** The password was right but must be changed before mail is read or sent: answered with its sentence. */
        public boolean needsNewPassword() {
            return decision == SignInDecision.MUST_CHANGE || decision == SignInDecision.PASSWORD_EXPIRED;
        }
    }

    private final ThreadLocal<Outcome> last = new ThreadLocal<>();

    @Inject
    public SignInOutcomes() {
    }

    void record(SignInDecision decision, String sentence) {
        last.set(new Outcome(decision, sentence));
    }

    public void forget() {
        last.remove();
    }

    /** The last decision on this thread since {@link #forget}; empty when none was recorded. */
    public Optional<Outcome> last() {
        return Optional.ofNullable(last.get());
    }

    /** The sentence to answer when the last check on this thread found the right password but one to change. */
    public Optional<String> newPasswordRequired() {
        return last().filter(Outcome::needsNewPassword).map(Outcome::sentence);
    }
}
