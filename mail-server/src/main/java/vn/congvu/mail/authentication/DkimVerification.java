package vn.congvu.mail.authentication;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.TempFailException;

/**
 * Checks every DKIM-Signature of a message as received (Apache jDKIM, keys through {@link KeyRecords}) and says, for
 * each, pass, fail or temperror with its d= and s=. jDKIM returns the signatures that verified and throws when none
 * did; the others are failures (or temperror when a key lookup could not be answered).
 */
final class DkimVerification {
    private static final Pattern TAG = Pattern.compile("(?:^|;)\\s*([a-z]+)\\s*=\\s*([^;]*)");

    private final PublicKeyRecordRetriever keys;

    DkimVerification(PublicKeyRecordRetriever keys) {
        this.keys = keys;
    }

    /** The results, one per signature in {@code signatures} (the DKIM-Signature values); empty when unsigned. */
    List<DkimResult> verify(byte[] message, String[] signatures) throws IOException {
        List<DkimResult> results = new ArrayList<>();
        if (signatures == null || signatures.length == 0) {
            return results;
        }
        List<SignatureRecord> passed;
        String failure;
        String outcome = "fail";
        try {
            passed = new DKIMVerifier(keys).verify(new ByteArrayInputStream(message));
            failure = "signature did not verify";
        } catch (TempFailException e) {
            passed = List.of();
            outcome = "temperror";
            failure = e.getMessage();
        } catch (FailException e) {
            passed = List.of();
            failure = e.getMessage();
        }
        for (String signature : signatures) {
            String domain = tag(signature, "d");
            String selector = tag(signature, "s");
            boolean verified = passed != null && passed.stream().anyMatch(record ->
                String.valueOf(record.getDToken()).equalsIgnoreCase(domain)
                    && String.valueOf(record.getSelector()).equalsIgnoreCase(selector));
            results.add(verified ? new DkimResult("pass", domain, selector, null)
                : new DkimResult(outcome, domain, selector, failure));
        }
        return results;
    }

    private static String tag(String signature, String name) {
        Matcher matcher = TAG.matcher(signature.replaceAll("\\s+", " "));
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                String value = matcher.group(2).replace(" ", "");
                return value.matches("[A-Za-z0-9._-]+") ? value : null;
            }
        }
        return null;
    }
}
