package vn.congvu.mail.directive;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.apache.commons.text.StringSubstitutor;

/**
 * The rules of config/rules/directive-alerts.properties: what makes a mail a directive, its urgency, the SMS
 * text, the quiet window and where the gateway is. Every key is required except the quiet window, so a typo
 * is an error rather than a silently different behaviour.
 */
public record DirectiveRules(
    String issuersGroup,
    List<String> directiveTags,
    String directiveHeader,
    List<String> replyPrefixes,
    String urgencyHeader,
    List<UrgencyLevel> levels,
    String template,
    int maxLength,
    QuietWindow quietWindow,
    URI gatewayUrl,
    Duration gatewayTimeout,
    Duration retryInitial,
    Duration retryMax) {

    /**
     * What the marks of one mail say, before asking who sent it.
     *
     * @param reply the subject starts with a reply or forward prefix (Re:, Fwd:, TL:…): a reply to a directive
     *              is not a new document, so it raises no SMS
     */
    public record Marks(boolean directive, boolean reply, Optional<UrgencyLevel> level, String bareSubject) {
    }

    /**
     * @param subject         the decoded subject (may be null)
     * @param directiveHeader the value of the directive header, null when absent
     * @param urgencyHeader   the value of the urgency header, null when absent
     */
    public Marks read(String subject, String directiveHeader, String urgencyHeader) {
        String s = subject == null ? "" : subject;
        List<String> tags = TagText.tags(s);
        List<String> markers = directiveTags.stream().map(TagText::normalise).toList();
        boolean directive = tags.stream().anyMatch(markers::contains) || headerSays(directiveHeader);
        Optional<UrgencyLevel> level = levels.stream()
            .filter(l -> tags.stream().anyMatch(l::isNamedBy) || (urgencyHeader != null && l.isNamedBy(urgencyHeader)))
            .findFirst();
        String bare = TagText.without(s, tag -> markers.contains(tag) || levels.stream().anyMatch(l -> l.isNamedBy(tag)));
        return new Marks(directive, isReply(s), level, bare);
    }

    private boolean isReply(String subject) {
        int colon = subject.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String prefix = TagText.normalise(subject.substring(0, colon));
        return replyPrefixes.stream().map(TagText::normalise).anyMatch(prefix::equals);
    }

    private static boolean headerSays(String value) {
        if (value == null) {
            return false;
        }
        String v = TagText.normalise(value);
        return !(v.equals("NO") || v.equals("FALSE") || v.equals("0") || v.equals("KHONG"));
    }

    public static DirectiveRules parse(Properties raw) {
        Properties p = interpolated(raw);
        List<UrgencyLevel> levels = new ArrayList<>();
        for (String name : list(required(p, "urgency.levels"))) {
            String prefix = "urgency." + name + ".";
            levels.add(new UrgencyLevel(name, required(p, prefix + "tag"), required(p, prefix + "label"),
                bool(required(p, prefix + "urgent"), prefix + "urgent")));
        }
        String template = required(p, "sms.template");
        if (!template.contains("{subject}")) {
            throw new IllegalArgumentException("sms.template must contain {subject}: " + template);
        }
        int maxLength = integer(required(p, "sms.max-length"), "sms.max-length");
        if (maxLength < 40) {
            throw new IllegalArgumentException("sms.max-length " + maxLength + " leaves no room for a subject");
        }
        URI gateway = URI.create(required(p, "gateway.url").replaceAll("/+$", ""));
        if (!"http".equals(gateway.getScheme()) && !"https".equals(gateway.getScheme())) {
            throw new IllegalArgumentException("gateway.url must be http:// or https://, not " + gateway);
        }
        return new DirectiveRules(
            required(p, "issuers.group"),
            list(required(p, "directive.tags")),
            required(p, "directive.header"),
            list(p.getProperty("directive.reply-prefixes", "")),
            required(p, "urgency.header"),
            List.copyOf(levels),
            template,
            maxLength,
            quietWindow(p),
            gateway,
            duration(required(p, "gateway.timeout"), "gateway.timeout"),
            duration(required(p, "gateway.retry.initial"), "gateway.retry.initial"),
            duration(required(p, "gateway.retry.max"), "gateway.retry.max"));
    }

    private static Properties interpolated(Properties raw) {
        StringSubstitutor env = StringSubstitutor.createInterpolator();
        Properties p = new Properties();
        raw.stringPropertyNames().forEach(k -> p.setProperty(k, env.replace(raw.getProperty(k)).strip()));
        return p;
    }

    private static QuietWindow quietWindow(Properties p) {
        String from = p.getProperty("quiet.from", "");
        if (from.isBlank()) {
            return QuietWindow.NONE;
        }
        try {
            return new QuietWindow(LocalTime.parse(from), LocalTime.parse(required(p, "quiet.until")),
                ZoneId.of(required(p, "quiet.zone")));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("quiet window: " + e.getMessage() + " (expected HH:MM and a zone such as Asia/Ho_Chi_Minh)");
        }
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean bool(String value, String key) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not " + value);
        };
    }

    private static int integer(String value, String key) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not " + value);
        }
    }

    /** 10s, 500ms, 5m, 1h. */
    static Duration duration(String value, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h)").matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " must be a duration such as 500ms, 10s, 5m or 1h, not " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
