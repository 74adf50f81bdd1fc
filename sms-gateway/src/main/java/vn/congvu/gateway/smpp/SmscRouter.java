package vn.congvu.gateway.smpp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the SMSC account for a number: the account whose prefix matches (longest wins), else the
 * default route; when that account is down, any other account that is up, default first. Numbers
 * are portable between telcos, so every number must have somewhere to go.
 */
public final class SmscRouter {

    private final List<SmscSession> sessions;
    private final Map<String, SmscSession> byPrefix = new HashMap<>();
    private final SmscSession defaultRoute;
    private final int longestPrefix;

    public SmscRouter(List<SmscSession> sessions) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no SMSC account configured (gateway.smpp.accounts)");
        }
        this.sessions = List.copyOf(sessions);
        SmscSession def = null;
        int longest = 0;
        for (SmscSession s : sessions) {
            if (s.account().defaultRoute()) {
                if (def != null) {
                    throw new IllegalArgumentException("two default routes: " + def.name() + " and " + s.name());
                }
                def = s;
            }
            for (String prefix : s.account().prefixes()) {
                String international = international(prefix);
                SmscSession previous = byPrefix.put(international, s);
                if (previous != null && previous != s) {
                    throw new IllegalArgumentException("prefix " + prefix + " routed to both " + previous.name() + " and " + s.name());
                }
                longest = Math.max(longest, international.length());
            }
        }
        // one account alone, or no explicit default: the first account takes what no prefix matches
        this.defaultRoute = def != null ? def : sessions.get(0);
        this.longestPrefix = longest;
    }

    /** "032" or "8432" or "32" → "8432". */
    static String international(String prefix) {
        String p = prefix.strip().replace("+", "");
        if (!p.chars().allMatch(Character::isDigit) || p.isEmpty()) {
            throw new IllegalArgumentException("routing prefix '" + prefix + "' is not digits");
        }
        if (p.startsWith("0")) {
            return "84" + p.substring(1);
        }
        return p.startsWith("84") && p.length() > 3 ? p : "84" + p;
    }

    /** The account that should carry the number, ignoring whether it is up. */
    public SmscSession preferred(String destination) {
        for (int len = Math.min(longestPrefix, destination.length()); len > 0; len--) {
            SmscSession s = byPrefix.get(destination.substring(0, len));
            if (s != null) {
                return s;
            }
        }
        return defaultRoute;
    }

    /** The account to use now, or empty when no account can submit. */
    public Optional<SmscSession> route(String destination) {
        SmscSession preferred = preferred(destination);
        if (preferred.canSubmit()) {
            return Optional.of(preferred);
        }
        List<SmscSession> fallbacks = new ArrayList<>();
        fallbacks.add(defaultRoute);
        fallbacks.addAll(sessions);
        return fallbacks.stream().filter(SmscSession::canSubmit).findFirst();
    }

    public List<SmscSession> sessions() {
        return sessions;
    }
}
