package vn.congvu.mail.authentication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import vn.congvu.mail.lookup.TxtText;

/**
 * The signer's public key record ({@code selector._domainkey.domain} TXT) through James' DNSService (so the static
 * records of dnsservice.xml count). James answers an unreachable resolver and an absent record alike, with nothing;
 * only then is the resolver James configured asked once more, to tell "try later" (temperror) from "no key".
 */
final class KeyRecords implements PublicKeyRecordRetriever {
    private final DNSService dns;

    KeyRecords(DNSService dns) {
        this.dns = dns;
    }

    @Override
    public List<String> getRecords(CharSequence method, CharSequence selector, CharSequence domain)
        throws TempFailException, PermFailException {
        if (!"dns/txt".equals(method.toString())) {
            throw new PermFailException("Only dns/txt is supported: " + method);
        }
        String name = selector + "._domainkey." + domain;
        Collection<String> found = dns.findTXTRecords(name);
        List<String> texts = new ArrayList<>();
        for (String record : found) {
            texts.add(TxtText.of(record));
        }
        if (texts.isEmpty() && unreachable(name)) {
            throw new TempFailException("DNS did not answer for " + name);
        }
        return texts;
    }

    private static boolean unreachable(String name) {
        try {
            Lookup lookup = new Lookup(name, Type.TXT);
            lookup.run();
            return lookup.getResult() == Lookup.TRY_AGAIN;
        } catch (TextParseException e) {
            return false;
        }
    }
}
