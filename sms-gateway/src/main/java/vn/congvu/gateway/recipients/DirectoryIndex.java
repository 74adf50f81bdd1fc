package vn.congvu.gateway.recipients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.ldaptive.LdapEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryUnavailableException;
import vn.congvu.directory.model.Official;
import vn.congvu.directory.model.Unit;
import vn.congvu.directory.text.VietnameseDiacritics;

/**
 * Groups, units and officials held in memory for the notices page's search as you type. LDAP cannot match
 * "nguyen van" against "Nguyễn Văn", so each entry keeps its words unaccented and in lower case, and the typed
 * text is only ever compared with them: it never reaches an LDAP filter. Loaded on first use, then refreshed on a
 * fixed beat; while the directory is down the last copy keeps answering.
 */
@Component
public class DirectoryIndex {

    private static final Logger log = LoggerFactory.getLogger(DirectoryIndex.class);
    public static final int MAX_QUERY_LENGTH = 100;

    /** One pickable target: {@code kind} and {@code id} are what a notice names (groups, units, uids). */
    public record Hit(String kind, String id, String label, String detail, String problem) {
    }

    /** @param total how many entries matched, of which {@code hits} are the first */
    public record Result(List<Hit> hits, int total) {
    }

    private record Entry(Hit hit, String[] words, String sortKey) {
    }

    private static final List<String> KIND_ORDER = List.of("group", "unit", "official");

    private final Supplier<DirectoryClient> directory;
    private final boolean enabled;
    private volatile List<Entry> entries;

    @Autowired
    public DirectoryIndex(ObjectProvider<DirectoryClient> directory,
                          @Value("${gateway.directory.enabled:true}") boolean enabled) {
        this(directory::getObject, enabled);
    }

    /** @param directory gives the client, or throws while the directory is not reachable or not set up */
    DirectoryIndex(Supplier<DirectoryClient> directory, boolean enabled) {
        this.directory = directory;
        this.enabled = enabled;
    }

    /**
     * Entries every word of {@code query} starts a word of (name, uid, mail, code or description), with or
     * without diacritics; groups first, then units, then officials, each by name.
     */
    public Result search(String query, int limit) {
        if (query != null && query.length() > MAX_QUERY_LENGTH) {
            throw new IllegalArgumentException("search text is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        String[] typed = words(query == null ? "" : query);
        if (typed.length == 0) {
            return new Result(List.of(), 0);
        }
        List<Hit> hits = new ArrayList<>();
        int total = 0;
        for (Entry e : entries()) {
            if (matches(e.words(), typed)) {
                total++;
                if (hits.size() < limit) {
                    hits.add(e.hit());
                }
            }
        }
        return new Result(hits, total);
    }

    private static boolean matches(String[] words, String[] typed) {
        for (String t : typed) {
            boolean found = false;
            for (String w : words) {
                if (w.startsWith(t)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private List<Entry> entries() {
        List<Entry> current = entries;
        if (current == null) {
            synchronized (this) {
                if (entries == null) {
                    entries = load();
                }
                current = entries;
            }
        }
        return current;
    }

    /** Reloads the copy of a page that has been used; a failed reload keeps the old one. */
    @Scheduled(fixedDelayString = "${gateway.directory.index-refresh:5m}",
            initialDelayString = "${gateway.directory.index-refresh:5m}")
    void refresh() {
        if (entries == null) {
            return;
        }
        try {
            entries = load();
        } catch (RuntimeException e) {
            log.warn("directory search index not refreshed, keeping the last copy: {}", e.getMessage());
        }
    }

    private List<Entry> load() {
        if (!enabled) {
            throw new IllegalArgumentException("searching needs the directory, which is not configured"
                    + " (gateway.directory.enabled=false)");
        }
        try {
            DirectoryClient client = directory.get();
            List<Unit> units = client.allUnits();
            Map<String, Unit> unitByCode = new HashMap<>();
            units.forEach(u -> unitByCode.put(u.code(), u));
            List<Entry> out = new ArrayList<>();
            for (LdapEntry g : client.entries(client.layout().groupsDn(), "(objectClass=groupOfNames)",
                    "cn", "mail", "description")) {
                String name = g.getAttributeStringValue("cn");
                String description = g.getAttributeStringValue("description");
                String mail = g.getAttributeStringValue("mail");
                out.add(entry(new Hit("group", name, name, description != null ? description : mail, null),
                        name, description, mail));
            }
            for (Unit u : units) {
                Unit parent = u.parentCode() == null ? null : unitByCode.get(u.parentCode());
                out.add(entry(new Hit("unit", u.code(), u.name(), parent == null ? u.code() : u.code() + " · " + parent.name(),
                        null), u.name(), u.code()));
            }
            for (Official o : client.allOfficials()) {
                Unit unit = o.unit() == null ? null : unitByCode.get(o.unit());
                String detail = String.join(" · ", Arrays.stream(new String[] {o.title(), unit == null ? o.unit() : unit.name()})
                        .filter(s -> s != null && !s.isBlank()).toList());
                String problem = !o.active() ? "disabled" : !o.hasMobile() ? "no-mobile" : null;
                String label = o.fullName() == null ? o.uid() : o.fullName();
                out.add(entry(new Hit("official", o.uid(), label, detail, problem), label, o.uid(), o.mail()));
            }
            out.sort(Comparator.comparing((Entry e) -> KIND_ORDER.indexOf(e.hit().kind())).thenComparing(Entry::sortKey));
            log.info("directory search index loaded: {} entries", out.size());
            return List.copyOf(out);
        } catch (DirectoryUnavailableException | IllegalStateException | BeansException e) {
            throw new DirectoryDownException("the directory cannot be reached: " + e.getMessage(), e);
        }
    }

    private static Entry entry(Hit hit, String... texts) {
        List<String> words = new ArrayList<>();
        for (String t : texts) {
            if (t != null) {
                words.addAll(List.of(words(t)));
            }
        }
        return new Entry(hit, words.toArray(String[]::new), fold(hit.label()));
    }

    /** Lower case, without Vietnamese diacritics (đ → d), cut at anything that is not a letter or digit. */
    static String[] words(String text) {
        return Arrays.stream(fold(text).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toArray(String[]::new);
    }

    private static String fold(String text) {
        return VietnameseDiacritics.strip(text).toLowerCase(Locale.ROOT);
    }
}
