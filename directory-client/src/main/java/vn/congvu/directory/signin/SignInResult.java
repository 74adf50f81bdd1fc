package vn.congvu.directory.signin;

import vn.congvu.directory.model.Official;

/**
 * One sign-in through {@link SignInPolicy#signIn}: the decision and, when the login names exactly one account, its
 * state as read before the attempt and the official (both null for an unknown login).
 */
public record SignInResult(SignInDecision decision, SignInState account, Official official) {
}
