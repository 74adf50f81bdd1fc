package vn.congvu.mail.authentication;

/** The outcome of one DKIM-Signature: pass, fail, temperror or permerror, the signer's d= and s=, and why. */
record DkimResult(String outcome, String domain, String selector, String reason) {
}
