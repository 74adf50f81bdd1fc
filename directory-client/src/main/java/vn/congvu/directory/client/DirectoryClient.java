package vn.congvu.directory.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ldaptive.ActivePassiveConnectionStrategy;
import org.ldaptive.BindConnectionInitializer;
import org.ldaptive.BindOperation;
import org.ldaptive.BindResponse;
import org.ldaptive.ConnectionConfig;
import org.ldaptive.ConnectionFactory;
import org.ldaptive.FilterTemplate;
import org.ldaptive.LdapEntry;
import org.ldaptive.LdapException;
import org.ldaptive.PooledConnectionFactory;
import org.ldaptive.ResultCode;
import org.ldaptive.SearchConnectionValidator;
import org.ldaptive.SearchOperation;
import org.ldaptive.SearchRequest;
import org.ldaptive.SearchResponse;
import org.ldaptive.SearchScope;
import org.ldaptive.SimpleBindRequest;
import org.ldaptive.control.util.PagedResultsClient;
import org.ldaptive.dn.Dn;
import org.ldaptive.pool.PoolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.congvu.directory.model.DirectoryLayout;
import vn.congvu.directory.model.Group;
import vn.congvu.directory.model.Official;
import vn.congvu.directory.model.Unit;

/**
 * Reads the directory of officials: lookups, group and unit resolution, authentication.
 *
 * <p>Two pools: searches run bound as the service account; logins bind as the official on a pool of their own,
 * so a user bind never changes the identity of a search connection. Pools connect lazily, so a caller can be
 * created while the directory is down and starts working when it comes back. Every filter is a
 * {@link FilterTemplate}: values typed by users are escaped.
 */
public final class DirectoryClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryClient.class);
    /** Batch size for (|(uid=a)(uid=b)…) lookups when resolving large groups. */
    private static final int LOOKUP_BATCH = 200;
    private static final int PAGE_SIZE = 500;

    private final DirectorySettings settings;
    private final DirectoryLayout layout;
    private final PooledConnectionFactory servicePool;
    private final PooledConnectionFactory bindPool;

    public DirectoryClient(DirectorySettings settings) {
        this.settings = settings;
        this.layout = settings.layout();
        this.servicePool = pool(settings, true, settings.poolSize(), "congvu-directory");
        this.bindPool = pool(settings, false, Math.max(2, settings.poolSize() / 2), "congvu-login");
    }

    private static PooledConnectionFactory pool(DirectorySettings s, boolean serviceBind, int size, String name) {
        ConnectionConfig.Builder config = ConnectionConfig.builder()
                .url(String.join(" ", s.urls()))
                .connectTimeout(s.connectTimeout())
                .responseTimeout(s.responseTimeout())
                .connectionStrategy(new ActivePassiveConnectionStrategy())
                .autoReconnect(true)
                .autoReplay(true);
        if (serviceBind) {
            config.connectionInitializers(new BindConnectionInitializer(s.bindDn(), s.bindPassword()));
        }
        PooledConnectionFactory pool = PooledConnectionFactory.builder()
                .config(config.build())
                .min(0)
                .max(Math.max(1, size))
                .blockWaitTime(s.connectTimeout())
                .validateOnCheckOut(false)
                .validatePeriodically(true)
                .validator(new SearchConnectionValidator())
                .failFastInitialize(false)
                .name(name)
                .build();
        pool.initialize();
        return pool;
    }

    public DirectoryLayout layout() {
        return layout;
    }

    public DirectorySettings settings() {
        return settings;
    }

    /** The service-account pool, for writers in this module (provisioning). */
    public ConnectionFactory connectionFactory() {
        return servicePool;
    }

    // ---- officials ----

    public Optional<Official> findByUid(String uid) {
        return findOfficial(new FilterTemplate("(&(objectClass=inetOrgPerson)(uid={0}))", new Object[] {uid}));
    }

    public Optional<Official> findByMail(String mail) {
        return findOfficial(new FilterTemplate("(&(objectClass=inetOrgPerson)(mail={0}))", new Object[] {mail}));
    }

    /** Login names are the mail address, as on the mail ports; the bare uid is accepted too. */
    public Optional<Official> findByLogin(String login) {
        return findLoginEntry(login).map(OfficialAttributes::toOfficial);
    }

    private Optional<LdapEntry> findLoginEntry(String login) {
        return findLoginEntry(login, OfficialAttributes.READ);
    }

    /**
     * The entry of a login (mail address or bare uid) with the attributes asked for, as a sign-in reads it: empty
     * for an unknown login and for a login two entries share.
     */
    public Optional<LdapEntry> findLoginEntry(String login, String... attributes) {
        String l = login == null ? "" : login.strip();
        if (l.isEmpty()) {
            return Optional.empty();
        }
        FilterTemplate filter = l.contains("@")
                ? new FilterTemplate("(&(objectClass=inetOrgPerson)(mail={0}))", new Object[] {l})
                : new FilterTemplate("(&(objectClass=inetOrgPerson)(uid={0}))", new Object[] {l});
        List<LdapEntry> entries = search(layout.peopleDn(), SearchScope.ONELEVEL, filter, attributes);
        // Two entries sharing a login is a data error: refuse rather than guess whose mailbox it is.
        return entries.size() == 1 ? Optional.of(entries.get(0)) : Optional.empty();
    }

    private Optional<Official> findOfficial(FilterTemplate filter) {
        List<LdapEntry> entries = search(layout.peopleDn(), SearchScope.ONELEVEL, filter, OfficialAttributes.READ);
        return entries.size() == 1 ? Optional.of(OfficialAttributes.toOfficial(entries.get(0))) : Optional.empty();
    }

    /** Every official under ou=people, paged so servers with size limits return them all. */
    public List<Official> allOfficials() {
        return entries(layout.peopleDn(), "(objectClass=inetOrgPerson)", OfficialAttributes.READ).stream()
                .map(OfficialAttributes::toOfficial).toList();
    }

    /** Officials whose uid, mail or name contains the text (for pickers); at most {@code limit}. */
    public List<Official> searchOfficials(String text, int limit) {
        FilterTemplate filter = new FilterTemplate(
                "(&(objectClass=inetOrgPerson)(|(uid=*{0}*)(mail=*{0}*)(cn=*{0}*)))", new Object[] {text.strip()});
        SearchRequest request = SearchRequest.builder().dn(layout.peopleDn()).scope(SearchScope.ONELEVEL)
                .filter(filter).returnAttributes(OfficialAttributes.READ).sizeLimit(limit).build();
        return execute(request, true).stream().map(OfficialAttributes::toOfficial).toList();
    }

    // ---- authentication ----

    /** Binds as the official. Unknown login and wrong password give the same answer. */
    public AuthResult authenticate(String login, String password) {
        if (password == null || password.isEmpty()) {
            return AuthResult.of(AuthResult.Outcome.BAD_CREDENTIALS); // an empty password would be an anonymous bind
        }
        try {
            Optional<LdapEntry> entry = findLoginEntry(login);
            if (entry.isEmpty() || !passwordMatches(entry.get().getDn(), password)) {
                return AuthResult.of(AuthResult.Outcome.BAD_CREDENTIALS);
            }
            Official official = OfficialAttributes.toOfficial(entry.get());
            if (!official.active()) {
                return AuthResult.of(AuthResult.Outcome.DISABLED);
            }
            return new AuthResult(AuthResult.Outcome.OK, official);
        } catch (DirectoryUnavailableException e) {
            LOG.warn("login for {} could not be checked: {}", login, e.getMessage());
            return AuthResult.of(AuthResult.Outcome.UNAVAILABLE);
        }
    }

    /** One entry by DN with the attributes asked for; empty when there is none. */
    public Optional<LdapEntry> entry(String dn, String... attributes) {
        List<LdapEntry> entries = search(dn, SearchScope.OBJECT, new FilterTemplate("(objectClass=*)"), attributes);
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
    }

    /**
     * Whether the password is the entry's, checked by a bind on the login pool. Throws
     * {@link DirectoryUnavailableException} when the directory cannot tell.
     */
    public boolean passwordMatches(String dn, String password) {
        if (password == null || password.isEmpty()) {
            return false; // an empty password would be an anonymous bind
        }
        try {
            BindResponse response = new BindOperation(bindPool).execute(new SimpleBindRequest(dn, password));
            if (response.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return false;
            }
            if (!response.isSuccess()) {
                throw failure("bind as " + dn, new LdapException(response));
            }
            return true;
        } catch (LdapException e) {
            throw failure("bind as " + dn, e);
        }
    }

    // ---- groups ----

    public Optional<Group> findGroup(String name) {
        return firstGroup(new FilterTemplate("(&(objectClass=groupOfNames)(cn={0}))", new Object[] {name}));
    }

    public Optional<Group> findGroupByMail(String mail) {
        return firstGroup(new FilterTemplate("(&(objectClass=groupOfNames)(mail={0}))", new Object[] {mail}));
    }

    public List<Group> allGroups() {
        return entries(layout.groupsDn(), "(objectClass=groupOfNames)", "cn", "mail").stream()
                .map(this::toGroup).toList();
    }

    private Optional<Group> firstGroup(FilterTemplate filter) {
        List<LdapEntry> entries = search(layout.groupsDn(), SearchScope.SUBTREE, filter, new String[] {"cn", "mail"});
        return entries.size() == 1 ? Optional.of(toGroup(entries.get(0))) : Optional.empty();
    }

    private Group toGroup(LdapEntry e) {
        return new Group(e.getAttributeStringValue("cn"), e.getAttributeStringValue("mail"), e.getDn());
    }

    /**
     * Every official in the group, following nested groups (each group visited once, so cycles end).
     * Empty when the group does not exist; see {@link #findGroup}.
     */
    public List<Official> resolveGroup(String name) {
        Optional<Group> group = findGroup(name);
        if (group.isEmpty()) {
            return List.of();
        }
        return lookupPeople(memberPersonDns(group.get().dn()));
    }

    /** True when the official is a member of the group, directly or through nested groups. */
    public boolean isMember(String uid, String groupName) {
        Optional<Group> group = findGroup(groupName);
        if (group.isEmpty()) {
            return false;
        }
        String personDn = normalise(layout.personDn(uid));
        return memberPersonDns(group.get().dn()).contains(personDn);
    }

    /** Normalised DNs of the people reachable from a group. */
    private Set<String> memberPersonDns(String groupDn) {
        Set<String> visited = new HashSet<>();
        Set<String> people = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(groupDn));
        String groupsSuffix = "," + normalise(layout.groupsDn());
        while (!todo.isEmpty()) {
            String dn = todo.pop();
            if (!visited.add(normalise(dn))) {
                continue;
            }
            List<LdapEntry> entries = search(dn, SearchScope.OBJECT,
                    new FilterTemplate("(objectClass=groupOfNames)"), new String[] {"member"});
            for (LdapEntry e : entries) {
                for (String member : e.getAttributeStringValues("member")) {
                    String m = normalise(member);
                    if (m.endsWith(groupsSuffix)) {
                        todo.push(member);
                    } else if (!m.isEmpty()) {
                        people.add(m);
                    }
                }
            }
        }
        return people;
    }

    // ---- units ----

    public Optional<Unit> findUnit(String code) {
        List<LdapEntry> entries = search(layout.unitsDn(), SearchScope.SUBTREE,
                new FilterTemplate("(&(objectClass=organizationalUnit)(ou={0}))", new Object[] {code}),
                new String[] {"ou", "description"});
        return entries.size() == 1 ? Optional.of(toUnit(entries.get(0))) : Optional.empty();
    }

    /** All units under ou=units, parents before children. */
    public List<Unit> allUnits() {
        return entries(layout.unitsDn(), "(objectClass=organizationalUnit)", "ou", "description").stream()
                .filter(e -> !normalise(e.getDn()).equals(normalise(layout.unitsDn())))
                .map(this::toUnit)
                .sorted((a, b) -> Integer.compare(a.dn().split(",").length, b.dn().split(",").length))
                .toList();
    }

    private Unit toUnit(LdapEntry e) {
        Dn dn = new Dn(e.getDn());
        Dn parent = dn.subDn(1);
        String parentCode = normalise(parent.format()).equals(normalise(layout.unitsDn()))
                ? null : parent.getRDn().getNameValue().getStringValue();
        String code = e.getAttributeStringValue("ou");
        String name = e.getAttributeStringValue("description");
        return new Unit(code, name == null ? code : name, e.getDn(), parentCode);
    }

    /** Officials of a unit, and of all its sub-units when asked. Empty when the unit does not exist. */
    public List<Official> resolveUnit(String code, boolean includeSubUnits) {
        Optional<Unit> unit = findUnit(code);
        if (unit.isEmpty()) {
            return List.of();
        }
        List<String> codes = new ArrayList<>();
        if (includeSubUnits) {
            for (LdapEntry e : entries(unit.get().dn(), "(objectClass=organizationalUnit)", "ou")) {
                codes.add(e.getAttributeStringValue("ou"));
            }
        } else {
            codes.add(unit.get().code());
        }
        List<Official> result = new ArrayList<>();
        for (List<String> batch : batches(codes)) {
            result.addAll(searchPeopleBy("ou", batch));
        }
        return result;
    }

    // ---- plumbing ----

    private List<Official> lookupPeople(Collection<String> personDns) {
        String peopleSuffix = "," + normalise(layout.peopleDn());
        List<String> uids = new ArrayList<>();
        for (String dn : personDns) {
            if (dn.endsWith(peopleSuffix)) {
                uids.add(new Dn(dn).getRDn().getNameValue().getStringValue());
            }
        }
        Map<String, Official> byUid = new LinkedHashMap<>();
        for (List<String> batch : batches(uids)) {
            for (Official o : searchPeopleBy("uid", batch)) {
                byUid.put(o.uid(), o);
            }
        }
        return List.copyOf(byUid.values());
    }

    private List<Official> searchPeopleBy(String attribute, List<String> values) {
        StringBuilder f = new StringBuilder("(&(objectClass=inetOrgPerson)(|");
        for (int i = 0; i < values.size(); i++) {
            f.append('(').append(attribute).append("={").append(i).append("})");
        }
        f.append("))");
        SearchRequest request = SearchRequest.builder().dn(layout.peopleDn()).scope(SearchScope.ONELEVEL)
                .filter(new FilterTemplate(f.toString(), values.toArray())).returnAttributes(OfficialAttributes.READ)
                .build();
        return execute(request, true).stream().map(OfficialAttributes::toOfficial).toList();
    }

    private static <T> List<List<T>> batches(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += LOOKUP_BATCH) {
            out.add(all.subList(i, Math.min(all.size(), i + LOOKUP_BATCH)));
        }
        return out;
    }

    private List<LdapEntry> search(String base, SearchScope scope, FilterTemplate filter, String[] attributes) {
        SearchRequest request = SearchRequest.builder().dn(base).scope(scope).filter(filter)
                .returnAttributes(attributes).build();
        return execute(request, false);
    }

    /** Every entry under {@code base} matching a fixed filter, paged so server size limits do not cut it short. */
    public List<LdapEntry> entries(String base, String filter, String... attributes) {
        SearchRequest request = SearchRequest.builder().dn(base).scope(SearchScope.SUBTREE)
                .filter(filter).returnAttributes(attributes).build();
        try {
            SearchResponse response = new PagedResultsClient(servicePool, PAGE_SIZE).executeToCompletion(request);
            if (response.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return List.of();
            }
            if (!response.isSuccess()) {
                throw failure("search " + base, new LdapException(response));
            }
            return List.copyOf(response.getEntries());
        } catch (LdapException e) {
            throw failure("search " + base, e);
        }
    }

    private List<LdapEntry> execute(SearchRequest request, boolean sizeLimitIsFine) {
        try {
            SearchResponse response = new SearchOperation(servicePool).execute(request);
            ResultCode rc = response.getResultCode();
            if (rc == ResultCode.NO_SUCH_OBJECT) {
                return List.of();
            }
            if (!response.isSuccess() && !(sizeLimitIsFine && rc == ResultCode.SIZE_LIMIT_EXCEEDED)) {
                throw failure("search " + request.getBaseDn(), new LdapException(response));
            }
            return List.copyOf(response.getEntries());
        } catch (LdapException e) {
            throw failure("search " + request.getBaseDn(), e);
        }
    }

    /** Connection trouble becomes {@link DirectoryUnavailableException}; anything else a plain failure. */
    public static RuntimeException failure(String what, LdapException e) {
        if (isUnavailable(e)) {
            return new DirectoryUnavailableException("directory unreachable during " + what + ": " + e.getMessage(), e);
        }
        return new DirectoryException(what + " failed: " + e.getMessage(), e);
    }

    static boolean isUnavailable(LdapException e) {
        if (e instanceof PoolException) {
            return true;
        }
        ResultCode rc = e.getResultCode();
        return rc == null || rc == ResultCode.CONNECT_ERROR || rc == ResultCode.SERVER_DOWN
                || rc == ResultCode.LDAP_TIMEOUT || rc == ResultCode.UNAVAILABLE || rc == ResultCode.BUSY
                || rc == ResultCode.LOCAL_ERROR;
    }

    static String normalise(String dn) {
        return new Dn(dn).format().toLowerCase(Locale.ROOT).replace(", ", ",");
    }

    @Override
    public void close() {
        servicePool.close();
        bindPool.close();
    }

    /** For tests and health checks: how long to wait before a lazily connecting pool gives up. */
    public Duration connectTimeout() {
        return settings.connectTimeout();
    }
}
