package vn.congvu.mail.signature;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import vn.congvu.mail.locations.MailServerLocations;

/**
 * {@code ./congvu dkim}: prints the DNS TXT record of the domain's DKIM key in zone-file form, creating the key
 * when it is missing (the same file the server signs with). A record longer than 255 characters is written as
 * several quoted strings, as DNS requires; resolvers join them.
 */
public final class DkimRecordCommand {

    private DkimRecordCommand() {
    }

    public static void main(String[] args) throws Exception {
        // Only the record on stdout: the libraries' start-up chatter (logback's default is DEBUG to stdout) is muted.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        String domain = System.getenv().getOrDefault("CONGVU_DOMAIN", "");
        if (domain.isBlank()) {
            System.err.println("CONGVU_DOMAIN is not set (./congvu sets it)");
            System.exit(2);
        }
        MailServerLocations locations = MailServerLocations.from(System.getenv());
        DkimSettings settings = DkimSettings.load(locations);
        SigningKey key = SigningKey.loadOrCreate(settings.keyFile());
        System.out.println(record(settings.selector(), domain, key.recordText()));
    }

    static String record(String selector, String domain, String text) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            strings.add("\"" + text.substring(i, Math.min(text.length(), i + 255)) + "\"");
        }
        return selector + "._domainkey." + domain + " IN TXT " + String.join(" ", strings);
    }
}
