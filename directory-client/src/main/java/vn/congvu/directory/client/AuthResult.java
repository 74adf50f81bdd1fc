package vn.congvu.directory.client;

import vn.congvu.directory.model.Official;

/** The outcome of a login against the directory. {@code official} is set only for {@link Outcome#OK}. */
public record AuthResult(Outcome outcome, Official official) {

    public enum Outcome {
        OK,
        /** Unknown login or wrong password: indistinguishable to the caller on purpose. */
        BAD_CREDENTIALS,
        DISABLED,
        /** The directory could not be reached: a temporary failure. */
        UNAVAILABLE
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    static AuthResult of(Outcome outcome) {
        return new AuthResult(outcome, null);
    }
}
