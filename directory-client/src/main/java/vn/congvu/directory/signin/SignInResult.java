package vn.congvu.directory.signin;

/**
 * One sign-in through {@link SignInPolicy#signIn}: the decision and, when the login names exactly one account, its
 * state as read before the attempt (null for an unknown login).
 */
public record SignInResult(SignInDecision decision, SignInState account) {
}
